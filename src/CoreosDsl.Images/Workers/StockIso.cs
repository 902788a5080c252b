using CoreosDsl.Iso9660;

namespace CoreosDsl.Images;

/// <summary>
/// A stock CoreOS/Flatcar ISO opened for remastering, checked for what the worker images need: an ISO 9660 image
/// that boots with isolinux (an El Torito BIOS entry) and has the isolinux configuration next to
/// <c>isolinux.bin</c>. Every problem is reported with what was expected and found.
/// </summary>
internal sealed class StockIso : IDisposable
{
    private StockIso(string path, IsoImage image, IsoFile bootImage, IsoFile bootConfig, string? catalogPath)
    {
        Path = path;
        Image = image;
        BootImage = bootImage;
        BootConfig = bootConfig;
        CatalogPath = catalogPath;
    }

    /// <summary>The stock image's path, as given.</summary>
    public string Path { get; }

    /// <summary>The open image.</summary>
    public IsoImage Image { get; }

    /// <summary>The BIOS boot image (<c>isolinux/isolinux.bin</c>).</summary>
    public IsoFile BootImage { get; }

    /// <summary>The isolinux configuration the boot image reads.</summary>
    public IsoFile BootConfig { get; }

    /// <summary>The El Torito catalog's path in the tree (not a file to copy), if it appears there.</summary>
    public string? CatalogPath { get; }

    /// <summary>The configuration's text.</summary>
    public string ReadBootConfig()
    {
        using var reader = new StreamReader(BootConfig.Open());
        return reader.ReadToEnd();
    }

    /// <summary>Opens and checks <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a bootable isolinux ISO; the message says what is missing.</exception>
    public static StockIso Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = path; // as the user gave it, so that the message points at the file they meant
        if (Directory.Exists(path))
        {
            throw new InvalidDataException($"{path} is a folder; give the stock CoreOS/Flatcar ISO file itself (--stock FILE.iso).");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No stock image at {path}: download the CoreOS/Flatcar ISO and give its path (--stock FILE.iso).", path);
        }

        IsoImage image;
        try
        {
            image = IsoReader.Open(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{name} is not a readable ISO 9660 image ({e.Message}): is this a CoreOS/Flatcar ISO?", e);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{name} is too short to be an ISO 9660 image: is this a CoreOS/Flatcar ISO?", e);
        }

        try
        {
            var catalog = image.BootCatalog
                ?? throw new InvalidDataException($"{name} has no El Torito boot catalog, so it does not boot from CD: is this a CoreOS/Flatcar ISO?");
            var files = image.EnumerateFiles().ToList();
            var bios = catalog.Entries.FirstOrDefault(e => e.Platform == ElToritoPlatform.X86)
                ?? throw new InvalidDataException($"{name} has no BIOS boot entry in its El Torito catalog (only {string.Join(", ", catalog.Entries.Select(e => e.Platform))}); the worker images boot with isolinux.");
            var bootImage = files.FirstOrDefault(f => f.Length > 0 && f.Lba == bios.Lba)
                ?? throw new InvalidDataException($"{name}'s BIOS boot image (LBA {bios.Lba}) is not a file of its tree, so its isolinux configuration cannot be found.");
            var catalogPath = files.FirstOrDefault(f => f.Length > 0 && f.Lba == catalog.Lba)?.FullPath;
            var config = FindConfig(image, bootImage)
                ?? throw new InvalidDataException(
                    $"no isolinux/isolinux.cfg in {name} (looked next to {bootImage.FullPath.TrimStart('/')} and in isolinux/, syslinux/, boot/ and /): is this a CoreOS/Flatcar ISO?");
            return new StockIso(path, image, bootImage, config, catalogPath);
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>Checks that the image holds <paramref name="path"/> (the worker's kernel or initrd).</summary>
    /// <exception cref="InvalidDataException">It does not; the message says what the stock configuration boots instead.</exception>
    public void RequireFile(string path, string what, string stockConfigText)
    {
        if (Image.GetEntry(path.TrimStart('/')) is IsoFile)
        {
            return;
        }

        var stockLines = stockConfigText.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("kernel ", StringComparison.OrdinalIgnoreCase) || l.StartsWith("append ", StringComparison.OrdinalIgnoreCase)
                || l.StartsWith("linux ", StringComparison.OrdinalIgnoreCase) || l.StartsWith("initrd ", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var hint = stockLines.Count > 0 ? $"; its {BootConfig.FullPath.TrimStart('/')} has \"{string.Join("\", \"", stockLines)}\"" : "";
        throw new InvalidDataException(
            $"the worker boots the {what} {path}, but {Path} has no such file{hint}: set BootSettings.{(what == "kernel" ? "Kernel" : "Initrd")} with WithBoot(...) to the stock image's path.");
    }

    /// <inheritdoc />
    public void Dispose() => Image.Dispose();

    /// <summary>Where isolinux looks for its configuration: next to isolinux.bin first, then the usual folders.</summary>
    private static IsoFile? FindConfig(IsoImage image, IsoFile bootImage)
    {
        var folder = bootImage.Parent?.FullPath.Trim('/') ?? "";
        string Join(string file) => folder.Length == 0 ? file : folder + "/" + file;
        string[] candidates =
        [
            Join("isolinux.cfg"), Join("syslinux.cfg"),
            "boot/isolinux/isolinux.cfg", "isolinux/isolinux.cfg", "boot/syslinux/syslinux.cfg", "syslinux/syslinux.cfg",
            "isolinux.cfg", "syslinux.cfg",
        ];
        return candidates.Select(c => image.GetEntry(c)).OfType<IsoFile>().FirstOrDefault();
    }
}
