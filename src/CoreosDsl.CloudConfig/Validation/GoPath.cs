using System.Text;

namespace CoreosDsl.CloudConfig.Validation;

/// <summary>Go's <c>path.Dir</c> and <c>path.Clean</c> (slash-separated, purely lexical).</summary>
internal static class GoPath
{
    /// <summary>Everything but the last element, cleaned: <c>Dir("/usr/x/../../etc/a") == "/etc"</c>.</summary>
    public static string Dir(string path) => Clean(path[..(path.LastIndexOf('/') + 1)]);

    /// <summary>The shortest equivalent path: repeated slashes, <c>.</c> and <c>..</c> elements resolved.</summary>
    public static string Clean(string path)
    {
        if (path.Length == 0)
        {
            return ".";
        }

        var rooted = path[0] == '/';
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..")
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                else if (!rooted)
                {
                    parts.Add("..");
                }

                continue;
            }

            parts.Add(part);
        }

        var joined = string.Join('/', parts);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }
}
