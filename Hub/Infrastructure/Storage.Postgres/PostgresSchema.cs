namespace IntegrationHub.Storage.Postgres;

/// <summary>
/// The shared schema, one migration a version, applied in order and never edited once released (a change is a new
/// version). <see cref="PostgresDatabase.MigrateAsync"/> applies what a database lacks, under an advisory lock, so
/// instances starting at once migrate it once.
/// </summary>
public static class PostgresSchema
{
    /// <summary>The advisory lock key every instance takes around a migration ("ihschema").</summary>
    public const long MigrationLock = 0x6968736368656D61;

    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations { get; } =
    [
        (1, "audit, operations statistics, lookup limits", """
            create table audit_records (
                segment text not null,
                seq bigint not null,
                time timestamptz not null,
                caller text not null,
                purpose text not null,
                subjects text[] not null,
                outcome text not null,
                replay boolean not null,
                -- the record's canonical form (what its hash covers): the record of truth; the columns above are for the views
                line text not null,
                hash text not null,
                primary key (segment, seq)
            );
            create index audit_records_time on audit_records (time desc);
            create index audit_records_subjects on audit_records using gin (subjects);
            create table audit_anchors (
                segment text primary key,
                seq bigint not null,
                hash text not null,
                time timestamptz not null
            );
            create table audit_checkpoints (
                id bigserial primary key,
                segment text not null,
                body text not null
            );
            create index audit_checkpoints_segment on audit_checkpoints (segment, id);
            create table usage_tallies (
                instance text not null,
                series text not null,
                key text not null,
                channel text not null,
                month text not null,
                count bigint not null,
                primary key (instance, series, key, channel, month)
            );
            create index usage_tallies_month on usage_tallies (series, month);
            """),
        (2, "assistance records", """
            create table assistance_documents (
                collection text not null,
                id text not null,
                doc jsonb not null,
                -- when a worker should take it (null: nothing pending), and until when an instance has taken it
                due timestamptz,
                taken_until timestamptz,
                primary key (collection, id)
            );
            create index assistance_documents_due on assistance_documents (collection, due) where due is not null;
            create index assistance_documents_doc on assistance_documents using gin (doc jsonb_path_ops);
            create unique index assistance_documents_idempotency on assistance_documents ((doc->>'Applicant'), (doc->>'IdempotencyKey'))
                where collection = 'applications' and doc->>'IdempotencyKey' is not null;
            """),
    ];

    /// <summary>The version a database of this build has once migrated.</summary>
    public static int Latest => Migrations[^1].Version;
}
