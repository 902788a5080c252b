using System.Runtime.InteropServices;

namespace CoreosDsl.Host;

/// <summary>
/// What kind of file a path names, following symbolic links (<c>statx(2)</c>): .NET reports device nodes, FIFOs and
/// sockets as ordinary files, and an image written "to" <c>/dev/sdb</c> must not silently replace the device node.
/// </summary>
internal static partial class FileKind
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28; // struct statx: stx_mask, stx_blksize (u32), stx_attributes (u64), stx_nlink, stx_uid, stx_gid (u32), stx_mode (u16)
    private const int TypeMask = 0xF000;
    private const int Directory = 0x4000;
    private const int Regular = 0x8000;
    private const int CharacterDevice = 0x2000;
    private const int BlockDevice = 0x6000;
    private const int Fifo = 0x1000;
    private const int Socket = 0xC000;

    /// <summary>
    /// Null when <paramref name="path"/> does not exist, is a regular file or a directory (or the kind cannot be
    /// known on this system); otherwise what it is, for a message: "a block device", "a FIFO" ...
    /// </summary>
    public static string? Special(string path)
    {
        var buffer = new byte[256];
        int result;
        try
        {
            result = Statx(AtFdCwd, path, 0, StatxType, buffer);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null; // not Linux: fall back to what .NET knows
        }

        if (result != 0)
        {
            return null;
        }

        return (BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask) switch
        {
            Regular or Directory => null,
            BlockDevice => "a block device",
            CharacterDevice => "a character device",
            Fifo => "a FIFO",
            Socket => "a socket",
            _ => "not a regular file",
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, byte[] buffer);
}
