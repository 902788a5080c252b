using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Iso9660.Tests.Writing;

/// <summary>Failures never leave a half-written image, and bad input is refused with a message naming the place.</summary>
public sealed class WriteToFileTests : IDisposable
{
    private readonly Scratch _scratch = new("iso-atomic");

    public void Dispose() => _scratch.Dispose();

    private sealed class FailingStream(long failAfter) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= failAfter)
            {
                throw new IOException("disk on fire");
            }

            var n = (int)Math.Min(count, failAfter - _position);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void Temporary_files_of_a_killed_run_are_removed_by_the_next_write_and_a_running_ones_are_kept()
    {
        var target = _scratch.PathOf("worker.iso");
        var dead = Enumerable.Range(400_000, 1000).First(pid => !Directory.Exists($"/proc/{pid}"));
        var killed = _scratch.PathOf($".worker.iso.{dead}-{Guid.NewGuid():N}.tmp");
        var running = _scratch.PathOf($".worker.iso.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        var other = _scratch.PathOf($".other.iso.{dead}-{Guid.NewGuid():N}.tmp");
        foreach (var path in new[] { killed, running, other })
        {
            File.WriteAllText(path, "left behind");
        }

        new IsoBuilder().AddFile("a.txt", IsoFileSource.FromBytes("a"u8.ToArray())).WriteToFile(target);

        Assert.False(File.Exists(killed));
        Assert.True(File.Exists(running));
        Assert.True(File.Exists(other));
        Assert.True(File.Exists(target));
    }

    [Fact]
    public void A_source_failing_midway_leaves_the_old_target_untouched_and_no_temporary_file()
    {
        var target = _scratch.PathOf("image.iso");
        File.WriteAllText(target, "previous image");
        var builder = new IsoBuilder().AddFile("big", IsoFileSource.FromStream(10 << 20, () => new FailingStream(3 << 20)));
        Assert.Equal("disk on fire", Assert.Throws<IOException>(() => builder.WriteToFile(target)).Message);
        Assert.Equal("previous image", File.ReadAllText(target));
        Assert.Equal([target], Directory.GetFiles(_scratch.Directory));
    }

    [Fact]
    public void A_source_shorter_than_declared_is_named()
    {
        var target = _scratch.PathOf("short.iso");
        var builder = new IsoBuilder().AddFile("dir/short.bin", IsoFileSource.FromStream(1000, () => new MemoryStream(new byte[10])));
        var error = Assert.Throws<IOException>(() => builder.WriteToFile(target));
        Assert.Equal("'/dir/short.bin' (stream) was declared as 1000 bytes but delivered 10: did it change while the image was written?", error.Message);
        Assert.False(File.Exists(target));
        Assert.Empty(Directory.GetFiles(_scratch.Directory));
        var longer = new IsoBuilder().AddFile("long.bin", IsoFileSource.FromStream(10, () => new MemoryStream(new byte[11])));
        Assert.Contains("delivered more", Assert.Throws<IOException>(() => longer.WriteToFile(target)).Message);
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void Bad_setup_is_refused_before_anything_is_written()
    {
        var target = _scratch.PathOf("never.iso");
        var noBootFile = new IsoBuilder { Boot = Images.IsolinuxBoot(isohybrid: false) }.AddFile("isolinux/isolinux.cfg", IsoFileSource.FromText(""));
        Assert.Equal("The El Torito BIOS boot image 'isolinux/isolinux.bin' is not a file of the tree; add it before writing.",
            Assert.Throws<InvalidOperationException>(() => noBootFile.WriteToFile(target)).Message);
        var notIsolinux = new IsoBuilder { Boot = Images.IsolinuxBoot() }.AddFile("isolinux/isolinux.bin", IsoFileSource.FromBytes(new byte[4096]));
        Assert.Contains("lacks isolinux's isohybrid signature FB C0 78 70 at offset 0x40", Assert.Throws<InvalidOperationException>(() => notIsolinux.WriteToFile(target)).Message);
        var taken = new IsoBuilder { Boot = new ElToritoBoot { BiosBootImage = "b", CatalogPath = "b" } }.AddFile("b", IsoFileSource.FromBytes(new byte[4096]));
        Assert.Contains("The boot catalog path 'b' is already taken", Assert.Throws<InvalidOperationException>(() => taken.WriteToFile(target)).Message);
        Assert.Empty(Directory.GetFiles(_scratch.Directory));
    }

    [Fact]
    public void Bad_paths_and_names_are_refused_when_added()
    {
        var builder = new IsoBuilder();
        Assert.Contains("has the component '..'", Assert.Throws<ArgumentException>(() => builder.AddFile("a/../b", IsoFileSource.FromText(""))).Message);
        Assert.Contains("Rock Ridge names are at most 255", Assert.Throws<ArgumentException>(() => builder.AddFile(new string('é', 128), IsoFileSource.FromText(""))).Message);
        builder.AddFile("file", IsoFileSource.FromText(""));
        Assert.Contains("'file' is a file, not a directory", Assert.Throws<InvalidOperationException>(() => builder.AddFile("file/x", IsoFileSource.FromText(""))).Message);
        Assert.Throws<ArgumentException>(() => builder.VolumeIdentifier = new string('V', 33));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.InterchangeLevel = 3);
        Assert.True(builder.Remove("file"));
        Assert.False(builder.Contains("file"));
    }

    [Fact]
    public void Writer_allocations_do_not_grow_with_file_size()
    {
        var (small, large) = Allocations.OfWriting(size =>
        {
            var builder = new IsoBuilder { Timestamp = Images.Timestamp }.AddFile("data.bin", IsoFileSource.FromStream(size, () => new ZeroStream(size)));
            return () => builder.Write(Stream.Null);
        });
        Assert.True(large - small < Allocations.StreamingSlack, $"writing 8 MiB allocated {small} bytes, 1 GiB allocated {large}");
    }
}
