using System;
using System.Linq;

namespace CoreosDsl.Ignition;

/// <summary>
/// The checks Ignition (ignition-validate 2.14) applies to the values of formatted keys, written once for the
/// builders (run time) and the analyzers (compile time, linked into CoreosDsl.Generators).
/// </summary>
public static class IgnitionFormats
{
    /// <summary>
    /// Why <paramref name="value"/> is not valid for <paramref name="format"/> (a sentence that ends with the fix), or
    /// null when it is valid or the format has no check.
    /// </summary>
    /// <param name="format">A format of <c>ignition.schema</c>.</param>
    /// <param name="value">The value.</param>
    /// <returns>The problem, or null.</returns>
    public static string? Problem(string format, string value) => format switch
    {
        "path" => PathProblem(value),
        "url" => UrlProblem(value),
        "hash" => HashProblem(value),
        "mode" => ModeProblem(value),
        "unit-name" => UnitNameProblem(value),
        "drop-in-name" => value.EndsWith(".conf", StringComparison.Ordinal) && value.IndexOf('/') < 0
            ? null
            : $"'{value}' is not a drop-in name: Ignition requires the suffix .conf (and no '/'); name it like 10-override.conf",
        _ => null,
    };

    /// <summary>
    /// Ignition's rule for paths: absolute, and equal to Go's <c>path.Clean</c> of itself (no empty, <c>.</c> or
    /// <c>..</c> segment, no trailing slash).
    /// </summary>
    /// <param name="value">The path.</param>
    /// <returns>The problem, or null.</returns>
    public static string? PathProblem(string value)
    {
        if (value.Length == 0 || value[0] != '/')
        {
            return $"'{value}' is not an absolute path; Ignition requires paths that start with '/'";
        }

        if (value == "/")
        {
            return null;
        }

        var clean = Clean(value);
        return clean == value
            ? null
            : $"'{value}' is not a simplified path; Ignition refuses it; write '{clean}'";
    }

    /// <summary>Go's <c>path.Clean</c> for an absolute path.</summary>
    /// <param name="value">An absolute path.</param>
    /// <returns>The shortest equivalent path.</returns>
    public static string Clean(string value)
    {
        var parts = new System.Collections.Generic.List<string>();
        foreach (var segment in value.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(segment);
        }

        return "/" + string.Join("/", parts);
    }

    private static string? UrlProblem(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return $"'{value}' is not an absolute URL; write scheme://host/path or a data: URL";
        }

        if (uri.Scheme == "arn")
        {
            var end = value.IndexOfAny(new[] { '?', '#' });
            var arn = "arn" + (end < 0 ? value : value.Substring(0, end)).Substring(3);
            return IsS3ObjectArn(arn)
                ? null
                : $"'{value}' is not the ARN of an S3 object; write arn:aws:s3:::BUCKET/KEY or arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME/KEY (spec 3.4.0)";
        }

        return uri.Scheme is "http" or "https" or "tftp" or "s3" or "gs" or "data"
            ? null
            : $"'{value}' has the scheme '{uri.Scheme}', which Ignition does not fetch; use http, https, tftp, s3, gs, data or (spec 3.4.0) arn";
    }

    /// <summary>
    /// Ignition's rule for <c>arn:</c> sources (spec 3.4.0): six colon-separated sections whose service is
    /// <c>s3</c>, naming a bucket and key (<c>arn:aws:s3:::BUCKET/KEY</c>), or an access point and key
    /// (<c>arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME/KEY</c>).
    /// </summary>
    /// <param name="arn">The ARN without its query (<c>?versionId=</c>).</param>
    /// <returns>True when Ignition fetches it.</returns>
    public static bool IsS3ObjectArn(string arn)
    {
        if (!arn.StartsWith("arn:", StringComparison.Ordinal) || arn.Count(c => c == ':') < 5)
        {
            return false;
        }

        var sections = arn.Split(new[] { ':' }, 6);
        if (sections[2] != "s3")
        {
            return false;
        }

        var slashes = arn.Count(c => c == '/');
        return sections[5].StartsWith("accesspoint/", StringComparison.Ordinal) ? slashes >= 2 : slashes >= 1;
    }

    private static string? HashProblem(string value)
    {
        var dash = value.IndexOf('-');
        var function = dash < 0 ? "" : value.Substring(0, dash);
        var hex = dash < 0 ? "" : value.Substring(dash + 1);
        var length = function switch { "sha512" => 128, "sha256" => 64, _ => 0 };
        if (length == 0)
        {
            return $"'{value}' does not name a hash function Ignition knows; write sha512-HEX or sha256-HEX";
        }

        return hex.Length == length && hex.All(IsHex)
            ? null
            : $"'{value}' does not hold a {function} digest; write {length} hexadecimal digits after '{function}-'";
    }

    private static bool IsHex(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';

    private static string? ModeProblem(string value)
    {
        if (!(value.Length is >= 3 and <= 5 && value.All(c => c is >= '0' and <= '7') && (value.Length < 5 || value[0] == '0')))
        {
            return $"'{value}' is not an octal file mode; write three or four octal digits such as 0644";
        }

        return Convert.ToInt32(value, 8) > 511 ? SpecialBits(value) : null;
    }

    /// <summary>The problem of a mode with setuid, setgid or sticky bits, which specs 3.3.0 and 3.4.0 ignore (ignition-validate warns).</summary>
    /// <param name="mode">The mode as written.</param>
    /// <returns>The explanation.</returns>
    public static string SpecialBits(string mode) =>
        $"mode {mode} has setuid, setgid or sticky bits, which Ignition ignores before spec 3.6.0 (ignition-validate warns); drop them, or set them from a unit";

    private static string? UnitNameProblem(string value)
    {
        var dot = value.LastIndexOf('.');
        var suffix = dot < 0 ? "" : value.Substring(dot + 1);
        if (dot <= 0 || value.IndexOf('/') >= 0)
        {
            return $"'{value}' is not a unit name; write NAME.TYPE such as docker.service";
        }

        return suffix is "service" or "socket" or "device" or "mount" or "automount" or "swap" or "target" or "path"
            or "timer" or "slice" or "scope"
            ? null
            : $"'{value}' has the suffix '.{suffix}', which is not a unit type; Ignition refuses it; use .service, .socket, .mount, .timer, ...";
    }
}
