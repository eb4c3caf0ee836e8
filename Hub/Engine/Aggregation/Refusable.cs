namespace IntegrationHub.Hub.Engine.Aggregation;

/// <summary>A value, or the refusal that stands in its place.</summary>
public readonly record struct Refusable<T>(T? Value, ProfileRefusal? Refusal) where T : class
{
    public static implicit operator Refusable<T>(T value) => new(value, null);

    public static implicit operator Refusable<T>(ProfileRefusal refusal) => new(null, refusal);
}
