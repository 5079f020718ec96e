using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace MemScript.Runtime.Mm;

/// <summary>
/// A software prefetch of the host's memory: the simulator's hot structures
/// (PTE tables, frames, swap slots, opt's keys) are far larger than the host
/// CPU's caches, and a replay knows which entries the next requests will read
/// before it reads them. A hint only: it changes no state of the model and
/// does nothing where the CPU has no prefetch instruction or the index is
/// outside the array. <see cref="Element{T}"/> takes the length from the
/// caller, so it need not read the array's header.
/// </summary>
internal static class HostPrefetch
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Element<T>(T[] array, int index, int length)
    {
        if (Sse.IsSupported && (uint)index < (uint)length)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), index)));
        }
    }

    /// <summary>As <see cref="Element{T}"/>, for a struct that can straddle two cache lines: its first and last byte's lines.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Struct<T>(T[] array, int index)
        where T : struct
    {
        if (Sse.IsSupported && (uint)index < (uint)array.Length)
        {
            var p = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), index));
            Sse.Prefetch0(p);
            Sse.Prefetch0(p + Unsafe.SizeOf<T>() - 1);
        }
    }
}
