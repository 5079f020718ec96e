using System.Runtime.InteropServices;

namespace MemScript.Cli.Io;

/// <summary>
/// What a path names, found with stat(2) and without opening it: opening a
/// FIFO for reading blocks until a writer comes, and a device never ends, so
/// the type must be known first. .NET has no public call for the file type
/// on Unix (its attributes say only directory or not), so this asks the
/// runtime's own native shim, <c>SystemNative_Stat</c>, whose status record
/// starts with two 32-bit fields, flags then mode, on every Unix .NET runs
/// on; the type bits of the mode are the POSIX ones. Should the shim be
/// missing, the answer is <see cref="FileKindName.Unknown"/> and the caller
/// falls back to bounded reading.
/// </summary>
public static class FileKind
{
    private const int TypeMask = 0xF000;

    /// <summary>The kind of <paramref name="path"/>, following symbolic links; null when nothing is there.</summary>
    public static FileKindName? Of(string path)
    {
        if (OperatingSystem.IsWindows())
            return Directory.Exists(path) ? FileKindName.Directory : File.Exists(path) ? FileKindName.Regular : null;

        var status = new byte[512];
        try
        {
            if (Stat(path, status) != 0)
                return Directory.Exists(path) ? FileKindName.Directory : File.Exists(path) ? FileKindName.Unknown : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return Directory.Exists(path) ? FileKindName.Directory : File.Exists(path) ? FileKindName.Unknown : null;
        }

        var mode = BitConverter.ToInt32(status, 4);
        return (mode & TypeMask) switch
        {
            0x8000 => FileKindName.Regular,
            0x4000 => FileKindName.Directory,
            0x1000 => FileKindName.Fifo,
            0x2000 => FileKindName.CharacterDevice,
            0x6000 => FileKindName.BlockDevice,
            0xC000 => FileKindName.Socket,
            _ => FileKindName.Unknown,
        };
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi, SetLastError = false)]
    private static extern int Stat(string path, [Out] byte[] status);
}
