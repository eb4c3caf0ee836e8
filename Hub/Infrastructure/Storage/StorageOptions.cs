using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.Storage;

/// <summary>Which database keeps the stores that instances share.</summary>
public enum StorageProvider
{
    /// <summary>The embedded default: LiteDB files and segment files under <c>Storage:DataDirectory</c>, one process per directory.</summary>
    LiteDb,

    /// <summary>PostgreSQL (<c>Storage:ConnectionString</c>): the stores that have a PostgreSQL provider are shared by every instance.</summary>
    Postgres,
}

/// <summary>
/// Section <c>Storage</c>: <c>Provider</c> (<c>LiteDb</c>, the default, or <c>Postgres</c>) and, for PostgreSQL,
/// <c>ConnectionString</c>; a deployment on PostgreSQL adds these two settings and nothing else. Validated at start-up.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.LiteDb;

    /// <summary>An Npgsql connection string (<c>Host=…;Port=…;Username=…;Password=…;Database=…</c>); required for <c>Postgres</c>.</summary>
    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("Storage:ConnectionString is required when Storage:Provider is Postgres (e.g. Host=db;Username=hub;Password=…;Database=integrationhub).", [nameof(ConnectionString)]);
        }
    }

    /// <summary>The options as configured (for code that runs before the container, such as the command line); not validated.</summary>
    public static StorageOptions Of(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(SectionName).Get<StorageOptions>() ?? new StorageOptions();
    }
}

/// <summary>
/// A shared store's database could not be reached (or failed mid-operation): nothing was written, nothing may be
/// answered from it. The hub turns it into a problem with a stable code (<c>audit-unavailable</c> for the audit),
/// never a 500.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
