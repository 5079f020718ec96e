namespace MemScript.Cli.Io;

/// <summary>The kinds of file stat(2) tells apart; only <see cref="Regular"/> is read as an input.</summary>
public enum FileKindName
{
    Regular,
    Directory,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Unknown,
}
