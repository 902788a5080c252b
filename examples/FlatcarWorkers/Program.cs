// dotnet run --project examples/FlatcarWorkers [-- build --out DIR | validate | serve | --help]
return WorkerHost.Run(args, FlatcarWorkers.Workers.All);
