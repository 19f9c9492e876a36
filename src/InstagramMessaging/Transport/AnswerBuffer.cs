using System;
using System.Buffers;

namespace InstagramMessaging.Transport;

// An answer's bytes in a rented array, returned to the pool once the answer is mapped.
internal struct AnswerBuffer : IDisposable
{
    private byte[]? _rented;
    private readonly int _length;

    public AnswerBuffer(byte[] rented, int length)
    {
        _rented = rented;
        _length = length;
    }

    public readonly ReadOnlySpan<byte> Span => _rented is null ? default : _rented.AsSpan(0, _length);

    public void Dispose()
    {
        if (_rented is { } rented)
        {
            _rented = null;
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
