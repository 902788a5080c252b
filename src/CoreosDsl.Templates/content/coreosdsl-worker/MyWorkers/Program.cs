// dotnet run [-- build | validate | image usb --stock STOCK.iso | serve | diff FILE.yml | import FILE.yml | --help]
return WorkerHost.Run(args, MyWorkers.Workers.Define);
