using System.Reflection;

namespace CoreosDsl.Rules;

/// <summary>
/// The absolute addresses of the diagnostics' documentation, which IDEs open from a diagnostic's help link and the
/// compiler prints after an <c>[Obsolete]</c> message: the section <c>#cdslNNN</c> of docs/diagnostics.md in the
/// repository. The repository's address is set once, as <c>RepositoryUrl</c> in Directory.Build.props (also the
/// packages' repository URL), and compiled into each assembly as the assembly metadata
/// <c>CoreosDslRepositoryUrl</c>.
/// </summary>
internal static class DocumentationLinks
{
    /// <summary>The key of the assembly metadata that carries the repository's address.</summary>
    public const string RepositoryUrlKey = "CoreosDslRepositoryUrl";

    /// <summary>The repository's address, without a trailing slash (<c>https://github.com/OWNER/NAME</c>).</summary>
    public static string Repository { get; } = ReadRepositoryUrl();

    /// <summary>The page that explains every diagnostic.</summary>
    public static string DiagnosticsPage => Repository + "/blob/main/docs/diagnostics.md";

    /// <summary>The section of <see cref="DiagnosticsPage"/> that explains <paramref name="id"/> (<c>…/diagnostics.md#cdsl101</c>).</summary>
    public static string Diagnostic(string id) => DiagnosticsPage + "#" + id.ToLowerInvariant();

    private static string ReadRepositoryUrl()
    {
        var url = typeof(DocumentationLinks).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == RepositoryUrlKey)?.Value;
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "https")
        {
            throw new InvalidOperationException(
                $"The assembly metadata {RepositoryUrlKey} is '{url}', not an https address: set RepositoryUrl in Directory.Build.props.");
        }

        return url.TrimEnd('/');
    }
}
