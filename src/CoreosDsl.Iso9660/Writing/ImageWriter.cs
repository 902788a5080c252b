using System.Buffers;
using System.Text;

namespace CoreosDsl.Iso9660;

/// <summary>
/// Writes a planned <see cref="ImageLayout"/> front to back, so the output need not be seekable. Metadata is
/// produced one directory at a time; file data is copied from each source straight to the output through one
/// buffer, so memory does not grow with the image. Every section checks that it starts at its planned sector.
/// </summary>
internal sealed class ImageWriter
{
    /// <summary>The copy buffer size: large enough for sequential disk throughput, small against the 64 MB budget.</summary>
    private const int CopyBufferSize = 1 << 20;

    /// <summary>The largest boot image patched in memory (isolinux.bin is 38 KiB).</summary>
    private const int MaxPatchedBootImage = 16 << 20;

    /// <summary>What the data preparer identifier says.</summary>
    private const string DataPreparer = "COREOSDSL ISO9660";

    private static readonly byte[] Zeros = new byte[64 * 1024];

    private readonly Stream _output;
    private readonly ImageLayout _layout;
    private long _position;

    private ImageWriter(Stream output, ImageLayout layout)
    {
        _output = output;
        _layout = layout;
    }

    /// <summary>Writes the image <paramref name="layout"/> describes to <paramref name="output"/>.</summary>
    public static void Write(ImageLayout layout, Stream output)
    {
        var writer = new ImageWriter(output, layout);
        writer.WriteAll();
    }

    private void WriteAll()
    {
        WriteSystemArea();
        WriteVolumeDescriptors();
        WriteDirectories(_layout.PrimaryDirectories);
        WriteContinuationAreas();
        WriteAt(_layout.PrimaryPathTableLLba, _layout.PrimaryPathTableL);
        WriteAt(_layout.PrimaryPathTableMLba, _layout.PrimaryPathTableM);
        if (_layout.Builder.Joliet)
        {
            WriteDirectories(_layout.JolietDirectories);
            WriteAt(_layout.JolietPathTableLLba, _layout.JolietPathTableL);
            WriteAt(_layout.JolietPathTableMLba, _layout.JolietPathTableM);
        }

        if (_layout.Catalog is { } catalog)
        {
            WriteAt(catalog.Lba, BuildCatalog());
        }

        foreach (var file in _layout.Files)
        {
            WriteFile(file);
        }

        WriteZeros(Sector.Offset(_layout.TotalSectors) - _position);
        _output.Flush();
    }

    private void WriteSystemArea()
    {
        var systemArea = new byte[Sector.SystemAreaSize];
        if (_layout.Builder.Boot?.Isohybrid is { } hybrid)
        {
            var signature = hybrid.DiskSignature ?? DeriveDiskSignature();
            var mbr = hybrid.Complete(_layout.BiosBootImage!.Lba, signature, Sector.Offset(_layout.TotalSectors));
            mbr.ToBytes().CopyTo(systemArea, 0);
        }

        Write(systemArea);
    }

    /// <summary>A disk signature that depends only on the volume identifier and time (FNV-1a), so output stays deterministic.</summary>
    private uint DeriveDiskSignature()
    {
        var hash = 2166136261u;
        var bytes = Encoding.UTF8.GetBytes($"{_layout.Builder.VolumeIdentifier}@{_layout.Times.VolumeTime.ToUnixTimeSeconds()}");
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    private void WriteVolumeDescriptors()
    {
        var builder = _layout.Builder;
        var root = _layout.PrimaryDirectories[0];
        var time = _layout.Times.VolumeTime;
        Write(new PrimaryVolumeDescriptor
        {
            VolumeIdentifier = builder.VolumeIdentifier,
            VolumeSpaceSize = _layout.TotalSectors,
            PathTableSize = (uint)_layout.PrimaryPathTableL.Length,
            TypeLPathTableLba = _layout.PrimaryPathTableLLba,
            TypeMPathTableLba = _layout.PrimaryPathTableMLba,
            RootDirectory = RootRecord(root),
            PublisherIdentifier = builder.PublisherIdentifier,
            DataPreparerIdentifier = DataPreparer,
            ApplicationIdentifier = builder.ApplicationIdentifier,
            CreationTime = time,
            ModificationTime = time,
        }.ToBytes());

        if (_layout.BootRecordLba is not null)
        {
            Write(new BootRecordVolumeDescriptor { BootCatalogLba = _layout.Catalog!.Lba }.ToBytes());
        }

        if (_layout.JolietDescriptorLba is not null)
        {
            Write(new PrimaryVolumeDescriptor
            {
                Type = VolumeDescriptorType.Supplementary,
                EscapeSequences = [.. PrimaryVolumeDescriptor.JolietEscapes[2], .. new byte[29]],
                VolumeIdentifier = builder.VolumeIdentifier.Length > 16 ? builder.VolumeIdentifier[..16] : builder.VolumeIdentifier,
                VolumeSpaceSize = _layout.TotalSectors,
                PathTableSize = (uint)_layout.JolietPathTableL.Length,
                TypeLPathTableLba = _layout.JolietPathTableLLba,
                TypeMPathTableLba = _layout.JolietPathTableMLba,
                RootDirectory = RootRecord(_layout.JolietDirectories[0]),
                PublisherIdentifier = builder.PublisherIdentifier,
                DataPreparerIdentifier = DataPreparer,
                ApplicationIdentifier = builder.ApplicationIdentifier,
                CreationTime = time,
                ModificationTime = time,
            }.ToBytes());
        }

        Expect(_layout.TerminatorLba, "the volume descriptor set terminator");
        Write(VolumeDescriptorHeader.Terminator());
    }

    private DirectoryRecord RootRecord(LayoutDirectory root) => new()
    {
        ExtentLba = root.Lba,
        DataLength = root.Size,
        RecordingTime = root.Records[0].Time,
        Flags = FileFlags.Directory,
        Identifier = [0],
    };

    private void WriteDirectories(List<LayoutDirectory> directories)
    {
        foreach (var directory in directories)
        {
            var extent = new byte[directory.Size];
            var position = 0;
            foreach (var record in directory.Records)
            {
                if (position % Sector.Size + record.Length > Sector.Size)
                {
                    position = (position / Sector.Size + 1) * Sector.Size;
                }

                position += record.ToRecord().WriteTo(extent.AsSpan(position));
            }

            WriteAt(directory.Lba, extent);
        }
    }

    private void WriteContinuationAreas()
    {
        if (_layout.ContinuationSectors == 0)
        {
            return;
        }

        var areas = new byte[_layout.ContinuationSectors * Sector.Size];
        foreach (var record in _layout.PrimaryDirectories.SelectMany(d => d.Records).Where(r => r.Continuation is not null))
        {
            record.Continuation!.CopyTo(areas, Sector.Offset(record.ContinuationLba - _layout.ContinuationLba) + record.ContinuationOffset);
        }

        WriteAt(_layout.ContinuationLba, areas);
    }

    private byte[] BuildCatalog()
    {
        var boot = _layout.Builder.Boot!;
        var entries = new List<ElToritoBootEntry>();
        if (_layout.BiosBootImage is { } bios)
        {
            entries.Add(new ElToritoBootEntry(ElToritoPlatform.X86, true, ElToritoEmulation.NoEmulation, 0, 0, boot.BiosLoadSectors, bios.Lba));
        }

        if (_layout.EfiBootImage is { } efi)
        {
            var sectors = (ushort)Math.Min(ushort.MaxValue, (efi.Length + 511) / 512);
            entries.Add(new ElToritoBootEntry(ElToritoPlatform.Efi, true, ElToritoEmulation.NoEmulation, 0, 0, sectors, efi.Lba));
        }

        return ElToritoCatalog.Build(entries);
    }

    private void WriteFile(LayoutFile file)
    {
        if (file.Length == 0)
        {
            return;
        }

        Expect(file.Lba, file.Path);
        if (file.PatchBootInfoTable)
        {
            if (file.Length > MaxPatchedBootImage)
            {
                throw new InvalidOperationException($"The boot image '{file.Path}' is {file.Length} bytes; a boot info table is patched into images of at most {MaxPatchedBootImage} bytes.");
            }

            var image = new byte[file.Length];
            using (var stream = file.Source!.Open())
            {
                ReadExactly(stream, image, file);
            }

            BootInfoTable.Compute(image, file.Lba).WriteTo(image);
            Write(image);
        }
        else
        {
            CopyFrom(file);
        }

        WriteZeros(file.Sectors * Sector.Size - file.Length);
    }

    private void CopyFrom(LayoutFile file)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            using var stream = file.Source!.Open();
            var remaining = file.Length;
            while (remaining > 0)
            {
                var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                if (read == 0)
                {
                    throw SizeChanged(file, file.Length - remaining);
                }

                _output.Write(buffer, 0, read);
                _position += read;
                remaining -= read;
            }

            if (stream.Read(buffer, 0, 1) != 0)
            {
                throw SizeChanged(file, file.Length + 1);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void ReadExactly(Stream stream, byte[] buffer, LayoutFile file)
    {
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
        {
            throw SizeChanged(file, read);
        }

        if (stream.Read(new byte[1]) != 0)
        {
            throw SizeChanged(file, buffer.Length + 1);
        }
    }

    private static IOException SizeChanged(LayoutFile file, long delivered) => new(
        $"'{file.Path}' ({file.Source!.Description}) was declared as {file.Length} bytes but delivered " +
        (delivered > file.Length ? "more" : delivered.ToString(System.Globalization.CultureInfo.InvariantCulture)) +
        ": did it change while the image was written?");

    private void WriteAt(uint lba, byte[] data)
    {
        Expect(lba, "a metadata structure");
        Write(data);
        WriteZeros(Sector.Count(data.Length) * Sector.Size - data.Length);
    }

    private void Expect(uint lba, string what)
    {
        if (_position != Sector.Offset(lba))
        {
            throw new InvalidOperationException($"Layout error: {what} should start at sector {lba} but the output is at byte {_position}.");
        }
    }

    private void Write(byte[] data)
    {
        _output.Write(data);
        _position += data.Length;
    }

    private void WriteZeros(long count)
    {
        while (count > 0)
        {
            var chunk = (int)Math.Min(count, Zeros.Length);
            _output.Write(Zeros, 0, chunk);
            _position += chunk;
            count -= chunk;
        }
    }
}
