namespace MemScript.Runtime.Reporting.Proc;

/// <summary>One process as top shows it; sizes in bytes, <see cref="State"/> as top's S column (R, S, Z...).</summary>
internal readonly record struct TopRow(int Pid, string User, int Nice, ulong Virt, ulong Res, ulong Shr, char State, string Command);
