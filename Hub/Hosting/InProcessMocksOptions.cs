namespace IntegrationHub.Hub.Hosting;

/// <summary>Settings of the in-process mock country (section <c>Mocks</c>).</summary>
public sealed class InProcessMocksOptions
{
    public const string SectionName = "Mocks";

    /// <summary>Start every agency's mock inside the hub and point the adapters at them (the default mode).</summary>
    public bool InProcess { get; set; }

    public int Seed { get; set; } = 2026;

    public int Households { get; set; } = 1200;

    /// <summary>How often the mock country changes by itself and tells the hub (a birth, a death, a job lost, ...); zero: only when a tester says so.</summary>
    public TimeSpan LifeEventsEvery { get; set; }

    /// <summary>Months of plausible past e-service use to seed the statistics with, once (0: none; at most 60).</summary>
    public int HistoryMonths { get; set; }

    public static InProcessMocksOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(SectionName).Get<InProcessMocksOptions>() ?? new();
    }
}
