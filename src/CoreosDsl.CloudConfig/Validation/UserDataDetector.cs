using System.Text.Json;

namespace CoreosDsl.CloudConfig.Validation;

/// <summary>Detects what the user-data is, in the validator's order: empty, script, Ignition, cloud-config, MIME.</summary>
internal static class UserDataDetector
{
    public const string CloudConfigHeader = "#cloud-config";

    public static UserDataKind Detect(string userData, CloudConfigDialect dialect)
    {
        if (userData.Length == 0)
        {
            return UserDataKind.Empty;
        }

        var firstLine = userData.Split('\n', 2)[0];
        if (firstLine.StartsWith("#!", StringComparison.Ordinal))
        {
            return UserDataKind.Script;
        }

        if (IsIgnition(userData))
        {
            return UserDataKind.Ignition;
        }

        // Trailing whitespace (Go's unicode.IsSpace, so a CR too) is allowed after the header, leading is not.
        if (firstLine.TrimEnd() == CloudConfigHeader)
        {
            return UserDataKind.CloudConfig;
        }

        return dialect == CloudConfigDialect.Flatcar && IsMultipartMime(userData) ? UserDataKind.MultipartMime : UserDataKind.Unknown;
    }

    /// <summary>Ignition JSON: an object with an integer <c>ignitionVersion</c> or a string <c>ignition.version</c>.</summary>
    private static bool IsIgnition(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var found = false;
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                // Go's encoding/json matches field names case-insensitively and fails on a type mismatch.
                if (property.Name.Equals("ignitionVersion", StringComparison.OrdinalIgnoreCase))
                {
                    if (property.Value.ValueKind == JsonValueKind.Number)
                    {
                        if (!property.Value.TryGetInt64(out _))
                        {
                            return false;
                        }

                        found = true;
                    }
                    else if (property.Value.ValueKind != JsonValueKind.Null)
                    {
                        return false;
                    }
                }
                else if (property.Name.Equals("ignition", StringComparison.OrdinalIgnoreCase))
                {
                    if (property.Value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var inner in property.Value.EnumerateObject())
                        {
                            if (!inner.Name.Equals("version", StringComparison.OrdinalIgnoreCase))
                            {
                                continue;
                            }

                            if (inner.Value.ValueKind == JsonValueKind.String)
                            {
                                found = true;
                            }
                            else if (inner.Value.ValueKind != JsonValueKind.Null)
                            {
                                return false;
                            }
                        }
                    }
                    else if (property.Value.ValueKind != JsonValueKind.Null)
                    {
                        return false;
                    }
                }
            }

            return found;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            // Text with a lone surrogate is not JSON that Go could have read either.
            return false;
        }
    }

    /// <summary>A MIME header block (up to a blank line) whose Content-Type contains <c>multipart/mixed</c>.</summary>
    private static bool IsMultipartMime(string text)
    {
        var lines = text.Split('\n');
        string? contentType = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                return contentType?.Contains("multipart/mixed", StringComparison.Ordinal) == true;
            }

            if (line[0] is ' ' or '\t')
            {
                if (i == 0)
                {
                    return false;
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line[..colon].Any(c => c <= ' ' || c >= 0x7F))
            {
                return false;
            }

            if (line[..colon].Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType ??= line[(colon + 1)..].Trim();
            }
        }

        // No blank line ends the header: Go's ReadMIMEHeader fails with EOF.
        return false;
    }
}
