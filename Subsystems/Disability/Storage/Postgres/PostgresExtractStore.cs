using IntegrationHub.Storage.Postgres;
using Npgsql;

namespace IntegrationHub.Disability.Storage.Postgres;

/// <summary>
/// The shared extract mechanism's store in the shared database (<c>extracts</c>, <c>extract_verifications</c>): a code
/// issued by one instance verifies on every other. <paramref name="scope"/> keeps one module's extracts apart from
/// another's in the same tables. It lives here, not in Extracts, because that library takes no database driver
/// (tests/IntegrationHub.Architecture.Tests).
/// </summary>
public sealed class PostgresExtractStore(PostgresDatabase database, string scope) : IExtractStore
{
    private const string ExtractColumns = "code, fin, reference, issued_at, issued_through, content, superseded_by, superseded_at";
    private const string VerificationColumns = "id, code, fin, reference, organisation, at, status";

    public Task AddAsync(IssuedExtract extract, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(extract);
        return Sql.InTransactionAsync(database, (connection, transaction) => InsertAsync(connection, transaction, extract, cancellationToken), cancellationToken);
    }

    public IssuedExtract? Find(string code) => Sql.Read(database, $"select {ExtractColumns} from extracts where scope = $1 and code = $2", [scope, code], ToExtract).SingleOrDefault();

    public IReadOnlyList<IssuedExtract> OfOwner(string fin) => Sql.Read(database, $"select {ExtractColumns} from extracts where scope = $1 and fin = $2", [scope, fin], ToExtract);

    public Task<bool> ReplaceAsync(IssuedExtract replacement, IReadOnlyCollection<string> superseded, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        ArgumentNullException.ThrowIfNull(superseded);
        var codes = superseded.ToArray();
        return Sql.InTransactionAsync(database, async (connection, transaction) =>
        {
            // The old extracts' rows held until the commit: a replacement racing on another instance waits, then finds them superseded.
            var found = new List<string?>();
            await using (var command = Sql.Command(connection, transaction, "select superseded_by from extracts where scope = $1 and code = any($2) for update", [scope, codes]))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken)) found.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
            }
            if (found.Count != codes.Distinct().Count()) throw new InvalidOperationException("An extract to supersede does not exist.");
            if (found.Any(f => f is not null)) return false;
            await InsertAsync(connection, transaction, replacement, cancellationToken);
            await using (var update = Sql.Command(connection, transaction, "update extracts set superseded_by = $3, superseded_at = $4 where scope = $1 and code = any($2)",
                [scope, codes, replacement.Code, at]))
            {
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
            return true;
        }, cancellationToken);
    }

    public Task AddVerificationAsync(ExtractVerification verification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verification);
        var v = verification;
        return Sql.InTransactionAsync(database, async (connection, transaction) =>
        {
            await using var command = Sql.Command(connection, transaction,
                $"insert into extract_verifications (scope, {VerificationColumns}) values ($1, $2, $3, $4, $5, $6, $7, $8)",
                [scope, v.Id, v.Code, v.Fin, v.Reference, v.Organisation, v.At, v.Status]);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    public IReadOnlyList<ExtractVerification> VerificationsOfOwner(string fin) =>
        Sql.Read(database, $"select {VerificationColumns} from extract_verifications where scope = $1 and fin = $2", [scope, fin], ToVerification);

    public IReadOnlyList<ExtractVerification> VerificationsBy(string organisation) =>
        Sql.Read(database, $"select {VerificationColumns} from extract_verifications where scope = $1 and organisation = $2", [scope, organisation], ToVerification);

    private async Task<int> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IssuedExtract e, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, $"insert into extracts (scope, {ExtractColumns}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            [scope, e.Code, e.Fin, e.Reference, e.IssuedAt, e.IssuedThrough, e.Content, e.SupersededBy, e.SupersededAt]);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static IssuedExtract ToExtract(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7));

    private static ExtractVerification ToVerification(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetFieldValue<DateTimeOffset>(5), r.GetString(6));

}
