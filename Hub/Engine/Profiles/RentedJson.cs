using System.Buffers;

namespace IntegrationHub.Hub.Engine.Profiles;

/// <summary>
/// A profile's JSON written into memory rented from the shared pool rather than into an array of its own (a cached
/// profile's ~30 KB was a tenth of what answering it allocated). Whoever sends it returns the memory
/// (<see cref="Dispose"/>) once it is sent, and nobody reads <see cref="Written"/> after that.
/// </summary>
public sealed class RentedJson : IBufferWriter<byte>, IDisposable
{
    /// <summary>The last profile's size: the next is rented at about that size, so it rarely grows.</summary>
    private static int _lastSize = 16 * 1024;

    private byte[]? _buffer;
    private int _written;

    private RentedJson(int size) => _buffer = ArrayPool<byte>.Shared.Rent(size);

    /// <summary>The bytes written so far.</summary>
    public ReadOnlyMemory<byte> Written => (_buffer ?? throw new ObjectDisposedException(nameof(RentedJson))).AsMemory(0, _written);

    /// <summary><paramref name="value"/> as <paramref name="options"/> write it: the same bytes <c>JsonSerializer.SerializeToUtf8Bytes</c> gives.</summary>
    public static RentedJson Serialize<T>(T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // At least 4 KB: after a small profile (the applicant alone) the next is not grown from a few hundred bytes.
        var json = new RentedJson(Math.Max(4096, Volatile.Read(ref _lastSize)));
        try
        {
            using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented, MaxDepth = options.MaxDepth }))
            {
                JsonSerializer.Serialize(writer, value, options);
            }
            Volatile.Write(ref _lastSize, json._written);
            return json;
        }
        catch
        {
            json.Dispose();
            throw;
        }
    }

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0) => Ensure(sizeHint).AsMemory(_written);

    public Span<byte> GetSpan(int sizeHint = 0) => Ensure(sizeHint).AsSpan(_written);

    private byte[] Ensure(int sizeHint)
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(RentedJson));
        if (buffer.Length - _written >= Math.Max(sizeHint, 1)) return buffer;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, _written + sizeHint));
        buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return _buffer = larger;
    }

    /// <summary>Returns the memory to the pool; the bytes are no longer to be read.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer) ArrayPool<byte>.Shared.Return(buffer);
    }
}
