// dotnet run --project examples/LocalWorkers [-- build --out DIR | validate | --help]
return WorkerHost.Run(args, LocalWorkers.LocalWorker.Define);
