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
        (3, "disability cases, appeals, lookups and limits; extracts", """
            -- a case or appeal is its document; the columns beside it are what the queries look for
            create table disability_cases (
                referral_number text primary key,
                fin text not null,
                status text not null,
                id_card text,
                received_at timestamptz not null,
                document jsonb not null
            );
            create index disability_cases_fin on disability_cases (fin);
            create index disability_cases_id_card on disability_cases (id_card) where id_card is not null;
            create index disability_cases_awaiting on disability_cases (received_at) where status = 'AwaitingRecords';
            create table disability_appeals (
                referral_number text primary key,
                fin text not null,
                status text not null,
                supersede_pending boolean not null,
                document jsonb not null
            );
            create index disability_appeals_fin on disability_appeals (fin);
            create index disability_appeals_pending on disability_appeals (referral_number) where status = 'Pending';
            create index disability_appeals_supersede on disability_appeals (referral_number) where supersede_pending;
            create table disability_lookups (
                id uuid primary key,
                at timestamptz not null,
                channel text not null,
                client text not null,
                id_card text not null,
                outcome text not null
            );
            create index disability_lookups_card on disability_lookups (id_card, at);
            create index disability_lookups_at on disability_lookups (at);
            -- one row per card looked up: held for the transaction that counts and records a lookup of it
            create table disability_lookup_cards (card text primary key);
            -- one row per client: its fixed window's start and count
            create table disability_lookup_windows (
                key text primary key,
                started timestamptz not null,
                count int not null
            );
            create table disability_lookup_refusals (
                id uuid primary key,
                from_at timestamptz not null,
                to_at timestamptz not null,
                channel text not null,
                client text not null,
                limit_name text not null,
                count bigint not null
            );
            create index disability_lookup_refusals_to on disability_lookup_refusals (to_at);
            -- the shared extract mechanism's (Hub/Infrastructure/Extracts), one scope per module
            create table extracts (
                code text primary key,
                scope text not null,
                fin text not null,
                reference text not null,
                issued_at timestamptz not null,
                issued_through text not null,
                content text,
                superseded_by text,
                superseded_at timestamptz
            );
            create index extracts_owner on extracts (scope, fin);
            create table extract_verifications (
                id uuid primary key,
                scope text not null,
                code text not null,
                fin text not null,
                reference text not null,
                organisation text not null,
                at timestamptz not null,
                status text not null
            );
            create index extract_verifications_owner on extract_verifications (scope, fin);
            create index extract_verifications_organisation on extract_verifications (scope, organisation);
            """),
        (4, "life-event inbox", """
            -- the hub's inbox of agencies' events: the event is its document; the columns beside it are what the
            -- queries look for, and (agency, event id) is admitted once whichever instance receives it
            create table life_events (
                agency text not null,
                event_id text not null,
                change_id uuid not null unique,
                kind text not null,
                state text not null,
                received_at timestamptz not null,
                -- when the processor takes it next; while an instance has taken it, when that take lapses
                next_attempt_at timestamptz,
                document jsonb not null,
                primary key (agency, event_id)
            );
            create index life_events_due on life_events (next_attempt_at) where state = 'received';
            create index life_events_state on life_events (state, received_at desc);
            create index life_events_received on life_events (received_at desc);
            create index life_events_counts on life_events (agency, kind, state);
            """),
    ];

    /// <summary>The version a database of this build has once migrated.</summary>
    public static int Latest => Migrations[^1].Version;
}
