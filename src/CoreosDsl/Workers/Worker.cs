using CoreosDsl.CloudConfig;

namespace CoreosDsl;

/// <summary>Defines workers: one machine's cloud-config, units and boot settings.</summary>
public static class Worker
{
    /// <summary>
    /// Defines the worker <paramref name="name"/> by configuring its cloud-config with the typed builders.
    /// </summary>
    /// <param name="name">The worker's name: a DNS label (letters, digits, '-'); also the output folder name.</param>
    /// <param name="configure">Sets the cloud-config (<c>w.Coreos(...).SshAuthorizedKeys(...)</c>).</param>
    /// <exception cref="WorkerDefinitionException">
    /// The name is not a DNS label, or <paramref name="configure"/> threw (a value the builders refuse); the
    /// message names the worker, the unit and directive, the rule and the line of the definition.
    /// </exception>
    public static WorkerDefinition Define(string name, Action<CloudConfigBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        if (WorkerDefinition.NameProblem(name) is { } problem)
        {
            throw new WorkerDefinitionException(name, problem);
        }

        var builder = new CloudConfigBuilder();
        try
        {
            configure(builder);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw WorkerDefinitionException.Wrap(name, e);
        }

        return new WorkerDefinition(name, builder.Node, new BootSettings());
    }
}
