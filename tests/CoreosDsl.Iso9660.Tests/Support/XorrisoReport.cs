using System.Globalization;
using System.Text.RegularExpressions;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Iso9660.Tests;

/// <summary>What <c>xorriso -report_el_torito plain -report_system_area plain</c> says about an image: the oracle for boot structures.</summary>
internal sealed partial record XorrisoReport(string Text)
{
    public static XorrisoReport Read(string iso)
    {
        var result = ExternalTool.Run("xorriso", ["-indev", iso, "-report_el_torito", "plain", "-report_system_area", "plain"]).EnsureSuccess();
        return new XorrisoReport(result.Output);
    }

    public uint CatalogLba => uint.Parse(CatalogLine().Match(Text).Groups[1].Value, CultureInfo.InvariantCulture);

    public string CatalogPath => CatalogPathLine().Match(Text).Groups[1].Value.Trim();

    public IReadOnlyList<BootImage> BootImages => BootImageLine().Matches(Text).Select(m => new BootImage(
        m.Groups["pltf"].Value, m.Groups["b"].Value == "y", m.Groups["emul"].Value,
        Convert.ToUInt16(m.Groups["seg"].Value, 16), ushort.Parse(m.Groups["ldsiz"].Value, CultureInfo.InvariantCulture),
        uint.Parse(m.Groups["lba"].Value, CultureInfo.InvariantCulture))).ToList();

    public IReadOnlyList<string> BootImagePaths => ImagePathLine().Matches(Text).Select(m => m.Groups[1].Value.Trim()).ToList();

    public IReadOnlyList<(byte Status, byte Type, uint Start, uint Blocks)> MbrPartitions => PartitionLine().Matches(Text).Select(m => (
        Convert.ToByte(m.Groups[1].Value, 16), Convert.ToByte(m.Groups[2].Value, 16),
        uint.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), uint.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture))).ToList();

    public bool Contains(string line) => Text.Contains(line, StringComparison.Ordinal);

    public override string ToString() => Text;

    [GeneratedRegex(@"^El Torito catalog  : (\d+)", RegexOptions.Multiline)]
    private static partial Regex CatalogLine();

    [GeneratedRegex(@"^El Torito cat path : (.*)$", RegexOptions.Multiline)]
    private static partial Regex CatalogPathLine();

    [GeneratedRegex(@"^El Torito boot img :\s+\d+\s+(?<pltf>\S+)\s+(?<b>[yn])\s+(?<emul>\S+)\s+0x(?<seg>[0-9a-fA-F]+)\s+0x[0-9a-fA-F]+\s+(?<ldsiz>\d+)\s+(?<lba>\d+)", RegexOptions.Multiline)]
    private static partial Regex BootImageLine();

    [GeneratedRegex(@"^El Torito img path :\s+\d+\s+(.*)$", RegexOptions.Multiline)]
    private static partial Regex ImagePathLine();

    [GeneratedRegex(@"^MBR partition      :\s+\d+\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\d+)\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PartitionLine();

    internal sealed record BootImage(string Platform, bool Bootable, string Emulation, ushort LoadSegment, ushort LoadSize, uint Lba);
}
