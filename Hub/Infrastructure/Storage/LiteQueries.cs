using LiteDB;

namespace IntegrationHub.Storage;

/// <summary>
/// LiteDB filters whose text does not change with the value looked for. LiteDB's <c>Query.EQ(field, value)</c> writes
/// the value into the expression's text, so every distinct value (every FIN, every key) is parsed and compiled again,
/// a dynamic method each time (bench/Employment: 15 % of the registry's CPU with one person per notification); with
/// the value as a parameter the text is constant and LiteDB keeps its compiled form. Indexes are used as with
/// <c>Query.EQ</c>.
/// </summary>
public static class LiteQueries
{
    /// <summary><paramref name="field"/> equals <paramref name="value"/>.</summary>
    public static BsonExpression Equal(string field, BsonValue value) => BsonExpression.Create($"$.{field} = @0", value);

    /// <summary><paramref name="field"/> equals <paramref name="value"/> and <paramref name="other"/> equals <paramref name="otherValue"/>; the first field's index is used, the second filters the documents it finds before they are deserialized.</summary>
    public static BsonExpression Equal(string field, BsonValue value, string other, BsonValue otherValue) =>
        BsonExpression.Create($"$.{field} = @0 AND $.{other} = @1", value, otherValue);

    /// <summary><paramref name="field"/> equals <paramref name="value"/> and <paramref name="other"/> is after <paramref name="bound"/>; the first field's index is used.</summary>
    public static BsonExpression EqualAndAfter(string field, BsonValue value, string other, BsonValue bound) =>
        BsonExpression.Create($"$.{field} = @0 AND $.{other} > @1", value, bound);
}
