using System.Buffers.Binary;

namespace MemScript.Runtime.Access.Traces;

/// <summary>
/// libCacheSim's <c>oracleGeneral</c> binary trace (traceReader/customizedReader/oracle/oracleGeneralBin.h):
/// packed little-endian records of 24 bytes, <c>{uint32 clock_time; uint64
/// obj_id; uint32 obj_size; int64 next_access_vtime}</c>, next access -1 or
/// 2^63-1 when there is none. Read 2,730 records (65,520 bytes) at a time.
/// As libCacheSim's <c>cachesim</c> does (<c>ignore_size_zero_req</c>), a
/// record of size 0 is skipped. A file that ends inside a record is
/// MEMS5005 at that record, numbered from 1.
/// </summary>
internal sealed class OracleGeneralTraceReader(TraceSource source) : TraceReader(source)
{
    public const int RecordSize = 24;

    private readonly byte[] _buffer = new byte[RecordSize * 2730];
    private int _at;
    private int _length;
    private long _record;

    public override bool TryRead(ref TraceRequest request)
    {
        while (true)
        {
            if (_at == _length)
            {
                _length = TraceInput.Fill(Input, _buffer, 0, Source, _record + 1);
                _at = 0;
                if (_length == 0)
                    return false;
            }

            if (_length - _at < RecordSize)
                throw TraceFormatException.AtRecord(Source.DisplayName, _record + 1, "MEMS5005",
                    $"the file ends {_length - _at} bytes into a {RecordSize}-byte oracleGeneral record");
            var record = _buffer.AsSpan(_at, RecordSize);
            _at += RecordSize;
            _record++;
            var size = BinaryPrimitives.ReadUInt32LittleEndian(record[12..]);
            if (size == 0)
                continue;
            var next = BinaryPrimitives.ReadInt64LittleEndian(record[16..]);
            request.Id = BinaryPrimitives.ReadUInt64LittleEndian(record[4..]);
            request.Size = size;
            request.NextAccess = next < 0 ? long.MaxValue : next;
            request.Mark = null;
            request.Position = _record;
            return true;
        }
    }
}
