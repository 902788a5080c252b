namespace CoreosDsl.Host.Tests;

/// <summary>
/// A fake <c>/sys</c> and <c>/proc</c> for the flash safety checks, and a regular file standing in for the device.
/// The real machine's disks are never touched.
/// </summary>
public sealed class FakeSystem
{
    public FakeSystem(string root)
    {
        Root = root;
        Directory.CreateDirectory(Path.Combine(root, "proc", "self"));
        Directory.CreateDirectory(Path.Combine(root, "dev"));
        Mounts("/dev/sda2 / ext4 rw,relatime 0 0", "proc /proc proc rw 0 0");
        File.WriteAllText(Path.Combine(root, "proc", "swaps"), "Filename\tType\tSize\tUsed\tPriority\n");
        Disk("sda", removable: false, sectors: 1 << 24, partitions: ["sda1", "sda2"]);
    }

    public string Root { get; }

    /// <summary>Adds a disk under sys/block (and sys/class/block for its partitions) and its device file under dev/.</summary>
    public string Disk(string name, bool removable, long sectors, string[]? partitions = null, bool readOnly = false, string? model = "Cruzer", bool create = true)
    {
        var block = Path.Combine(Root, "sys", "block", name);
        Directory.CreateDirectory(Path.Combine(block, "device"));
        Directory.CreateDirectory(Path.Combine(block, "holders"));
        File.WriteAllText(Path.Combine(block, "removable"), removable ? "1\n" : "0\n");
        File.WriteAllText(Path.Combine(block, "ro"), readOnly ? "1\n" : "0\n");
        File.WriteAllText(Path.Combine(block, "size"), sectors + "\n");
        File.WriteAllText(Path.Combine(block, "device", "vendor"), "SanDisk \n");
        if (model is not null)
        {
            File.WriteAllText(Path.Combine(block, "device", "model"), model + "\n");
        }

        foreach (var partition in partitions ?? [])
        {
            Directory.CreateDirectory(Path.Combine(block, partition, "holders"));
            File.WriteAllText(Path.Combine(block, partition, "partition"), partition[^1..] + "\n");
            Directory.CreateDirectory(Path.Combine(Root, "sys", "class", "block", partition));
            File.WriteAllText(Path.Combine(Root, "sys", "class", "block", partition, "partition"), "1\n");
        }

        var device = Path.Combine(Root, "dev", name);
        if (create)
        {
            File.WriteAllBytes(device, new byte[4096]);
        }

        return device;
    }

    /// <summary>Replaces /proc/self/mounts.</summary>
    public void Mounts(params string[] lines) => File.WriteAllText(Path.Combine(Root, "proc", "self", "mounts"), string.Join('\n', lines) + "\n");

    /// <summary>Adds a swap device to /proc/swaps.</summary>
    public void Swap(string device) => File.AppendAllText(Path.Combine(Root, "proc", "swaps"), $"{device}\tpartition\t1048572\t0\t-2\n");

    /// <summary>Marks a disk (or partition) as held by device mapper.</summary>
    public void Holder(string disk, string? partition, string holder) =>
        Directory.CreateDirectory(Path.Combine(Root, "sys", "block", disk, partition ?? "", "holders", holder));
}
