// dotnet run --project examples/Fleet [-- build | validate | image usb --stock STOCK.iso | serve | --help]
return WorkerHost.Run(args, Fleet.FleetWorkers.All);
