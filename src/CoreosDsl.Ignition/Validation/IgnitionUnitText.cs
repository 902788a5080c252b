namespace CoreosDsl.Ignition.Validation;

/// <summary>Where a piece of the config is: ignition-validate's path and the line and column of its value.</summary>
/// <param name="JsonPath">The path, such as <c>$.systemd.units.0.contents</c>.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
/// <param name="Length">The length of the value in the source.</param>
public sealed record IgnitionLocation(string JsonPath, int Line, int Column, int Length);

/// <summary>A drop-in of a unit in a validated config.</summary>
/// <param name="Name">The drop-in's file name.</param>
/// <param name="Contents">Its text, or null.</param>
/// <param name="Where">Where its contents (or, without contents, the drop-in) are.</param>
public sealed record IgnitionDropInText(string Name, string? Contents, IgnitionLocation Where);

/// <summary>
/// A unit of a validated config (<c>systemd.units</c>), for checks beyond ignition-validate's, such as the
/// analyzers' rules for unit contents.
/// </summary>
/// <param name="Name">The unit name.</param>
/// <param name="Enabled">The <c>enabled</c> setting, or null.</param>
/// <param name="Mask">Whether the unit is masked.</param>
/// <param name="Contents">The unit's text, or null.</param>
/// <param name="Where">Where its contents (or, without contents, the unit) are.</param>
/// <param name="DropIns">Its drop-ins.</param>
public sealed record IgnitionUnitText(string Name, bool? Enabled, bool Mask, string? Contents, IgnitionLocation Where, IReadOnlyList<IgnitionDropInText> DropIns);

/// <summary>
/// A file of a validated config (<c>storage.files</c>) whose contents are inline text, for checks beyond
/// ignition-validate's, such as networkd files under /etc/systemd/network.
/// </summary>
/// <param name="Path">The file's path.</param>
/// <param name="Contents">The text of its <c>contents.source</c> data URL.</param>
/// <param name="Where">Where its <c>contents.source</c> is.</param>
public sealed record IgnitionFileText(string Path, string Contents, IgnitionLocation Where);
