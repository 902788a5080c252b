using System.CommandLine;

namespace CoreosDsl.Host;

/// <summary>Options several commands share, created per command (System.CommandLine options belong to one command).</summary>
internal static class CommonOptions
{
    /// <summary><c>--worker NAME</c>, repeatable; default: every worker.</summary>
    public static Option<string[]> Worker(string description = "Only this worker (repeatable); default: all.") => new("--worker", "-w")
    {
        Description = description,
        AllowMultipleArgumentsPerToken = false,
        HelpName = "NAME",
    };

    /// <summary><c>--json</c>: one JSON document on standard output, for scripts.</summary>
    public static Option<bool> Json() => new("--json")
    {
        Description = "Print one JSON document on standard output, for scripts.",
    };

    /// <summary><c>--dialect coreos|flatcar</c>.</summary>
    public static Option<CoreosDsl.CloudConfig.CloudConfigDialect> Dialect() => new("--dialect")
    {
        Description = "Whose rules: CoreOS (coreos-cloudinit as of 2018) or Flatcar (today's fork).",
        DefaultValueFactory = _ => CoreosDsl.CloudConfig.CloudConfigDialect.Flatcar,
    };

    /// <summary><c>--stock STOCK.iso</c>: the stock CoreOS/Flatcar ISO (image, serve, build --netboot).</summary>
    public static Option<string?> Stock(string description) => new("--stock")
    {
        Description = description,
        HelpName = "STOCK.iso",
    };

    /// <summary><c>--public-url URL</c>: an absolute http(s) base URL, given back with one trailing '/'.</summary>
    public static Option<Uri?> PublicUrl(string description) => new("--public-url")
    {
        Description = description,
        HelpName = "URL",
        CustomParser = r => HttpUrl(r, "--public-url") is { } uri ? new Uri(uri.AbsoluteUri.TrimEnd('/') + "/") : null,
    };

    /// <summary>The option's token as an absolute http(s) URL, or null with a parse error naming <paramref name="option"/>.</summary>
    public static Uri? HttpUrl(System.CommandLine.Parsing.ArgumentResult result, string option)
    {
        var text = result.Tokens[0].Value;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        result.AddError($"{option}: \"{text}\" is not an absolute http(s) URL");
        return null;
    }

    /// <summary>Adds <paramref name="message"/> as a parse error of the option being parsed; the value is not used.</summary>
    public static T Fail<T>(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }

    /// <summary>Reads a text file given on the command line, or throws <see cref="UsageException"/> naming it.</summary>
    public static string ReadInputFile(string path) => Read(path, File.ReadAllText);

    /// <summary>
    /// Reads a file given on the command line as bytes (user-data is bytes: gzip'd, or in an encoding coreos-cloudinit
    /// refuses), or throws <see cref="UsageException"/> naming it.
    /// </summary>
    public static byte[] ReadInputBytes(string path) => Read(path, File.ReadAllBytes);

    private static T Read<T>(string path, Func<string, T> read)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"{path} is a folder; give a cloud-config file");
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"{path}: no such file");
        }

        try
        {
            return read(path);
        }
        catch (IOException e)
        {
            throw new UsageException($"{path}: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UsageException($"{path}: {e.Message}", e);
        }
    }
}
