using System.Text.RegularExpressions;

namespace CoreosDsl.Testing;

/// <summary>
/// Rewrites values that change between runs or must not be committed (keys, password hashes, timestamps, host
/// names, GUIDs) before a snapshot is compared and before received files are written. Build one with
/// <see cref="Replace(Regex, string, string?)"/>, <see cref="Custom(Func{string, string}, string?)"/> or
/// <see cref="Numbered(Regex, string, string?)"/>, or use a built-in one (<see cref="SshPublicKeys"/>,
/// <see cref="PemBlocks"/>, <see cref="PasswordHashes"/>, <see cref="Guids"/>, <see cref="Timestamps"/>,
/// <see cref="HostName(string)"/>).
/// </summary>
public sealed partial class Scrubber
{
    private readonly Func<string, ScrubContext, string> apply;

    private Scrubber(string name, Func<string, ScrubContext, string> apply)
    {
        Name = name;
        this.apply = apply;
    }

    /// <summary>A short description for diagnostics, such as <c>ssh-public-keys</c> or the pattern replaced.</summary>
    public string Name { get; }

    /// <summary>
    /// Replaces every match of <paramref name="pattern"/> with <paramref name="replacement"/>, which may refer to
    /// groups (<c>$1</c>, <c>${name}</c>) as in <see cref="Regex.Replace(string, string)"/>.
    /// </summary>
    public static Scrubber Replace(Regex pattern, string replacement, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(replacement);
        return new Scrubber(name ?? $"replace /{pattern}/", (text, _) => pattern.Replace(text, replacement));
    }

    /// <summary>Applies <paramref name="transform"/> to the whole text of each file.</summary>
    public static Scrubber Custom(Func<string, string> transform, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(transform);
        return new Scrubber(name ?? "custom", (text, _) => transform(text)
            ?? throw new InvalidOperationException($"The scrubber '{name ?? "custom"}' returned null."));
    }

    /// <summary>
    /// Replaces each distinct match of <paramref name="pattern"/> with <c>{scrubbed-category-N}</c>, numbered by
    /// first occurrence within one verification, so equal values stay equal and different values stay different.
    /// When the pattern has a group named <c>value</c>, only that group is replaced and the rest of the match kept.
    /// </summary>
    /// <param name="pattern">What to scrub.</param>
    /// <param name="category">The placeholder's middle part: lowercase letters, digits and dashes, such as <c>token</c>.</param>
    /// <param name="name">A description for diagnostics; defaults to the category.</param>
    public static Scrubber Numbered(Regex pattern, string category, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(category);
        if (!CategoryPattern().IsMatch(category))
        {
            throw new ArgumentException(
                $"The category '{category}' must be lowercase letters, digits and dashes (for example 'api-token').",
                nameof(category));
        }

        return Numbered(pattern, category, name ?? category, identity: v => v);
    }

    /// <summary>As the public overload; <paramref name="identity"/> maps a value to what decides its number.</summary>
    private static Scrubber Numbered(Regex pattern, string category, string name, Func<string, string> identity) =>
        new(name, (text, context) => ReplaceNumbered(text, pattern, category, context, identity));

    /// <summary>Runs this scrubber over one file's text.</summary>
    internal string Apply(string text, ScrubContext context) => apply(text, context);

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static string ReplaceNumbered(string text, Regex pattern, string category, ScrubContext context,
        Func<string, string> identity) =>
        pattern.Replace(text, match =>
        {
            var value = match.Groups["value"];
            if (!value.Success)
            {
                return context.Placeholder(category, identity(match.Value));
            }

            var placeholder = context.Placeholder(category, identity(value.Value));
            var start = value.Index - match.Index;
            return string.Concat(match.Value.AsSpan(0, start), placeholder, match.Value.AsSpan(start + value.Length));
        });

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CategoryPattern();
}
