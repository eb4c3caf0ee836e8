using IntegrationHub.Mocks.Admin;

// The mock country for testers: every agency's API on its own port over one synthetic population.
//   dotnet run --project Mocks                      start all agencies, print their URLs
//   dotnet run --project Mocks -- --list [N]        print N sample citizens per household kind and exit
//   options: --seed S  --households N  --base-port P (agency i on P+i; default: free ports)
//            --admin-port A (the fault switchboard /mocks/faults and /mocks/life-events; default 5099, 0 = a free port)
//            --hub URL (where the agencies send their signed life events, e.g. http://localhost:5080; none: they wait)
//            --life-events-every S (the country changes by itself every S seconds; default: only when a tester says so)
namespace IntegrationHub.Mocks;

/// <summary>The mock server's command line (an explicit class: the hub's Program is the top-level one).</summary>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        var seed = IntArg("--seed", 2026);
        var households = IntArg("--households", 1200);
        var basePort = IntArg("--base-port", 0);
        var adminPort = IntArg("--admin-port", 5099);
        var everySeconds = IntArg("--life-events-every", 0);
        var hubIndex = Array.IndexOf(args, "--hub");
        var hub = hubIndex >= 0 && hubIndex + 1 < args.Length ? args[hubIndex + 1] : null;

        if (args.Contains("--list"))
        {
            var perKind = args.SkipWhile(a => a != "--list").Skip(1).Select(a => int.TryParse(a, out var n) ? n : 0).FirstOrDefault(n => n > 0);
            var population = MockCountry.Generate(new MockCountryOptions(seed, Households: households));
            Console.WriteLine($"{"FIN",-8} {"ID card",-12} {"born",-10} {"kind",-24} {"size",4}  notable");
            foreach (var s in population.Samples(Math.Max(perKind, 1)))
            {
                Console.WriteLine($"{s.Fin,-8} {s.IdCardNumber,-12} {s.BirthDate:yyyy-MM-dd} {s.HouseholdKind,-24} {s.HouseholdSize,4}  {s.Notable}");
            }
            return;
        }

        using var country = MockCountry.Start(new MockCountryOptions(seed, Households: households, BasePort: basePort,
            LifeEventsEvery: everySeconds > 0 ? TimeSpan.FromSeconds(everySeconds) : null));
        using var hubClient = hub is null ? null : new HttpClient { BaseAddress = new Uri(hub) };
        if (hubClient is not null) country.Events.Connect(hubClient);
        Console.WriteLine($"Mock country: {country.Population.Households.Count} households, {country.Population.ByFin.Count} people (seed {seed}, as of {country.Population.AsOf:yyyy-MM-dd}).");
        foreach (var agency in country.Agencies)
        {
            Console.WriteLine($"  {agency.Key,-20} {agency.Url,-24} {agency.Name}");
        }
        await using var admin = await MockAdminServer.StartAsync(country, adminPort);
        var sample = country.Population.Samples()[0];
        Console.WriteLine($"Try: curl {country.Agencies[0].Url}/api/v2/persons/{sample.Fin}");
        Console.WriteLine($"Faults: curl -X PUT {admin.Url}/mocks/faults/tax -H 'Content-Type: application/json' -d '{{\"kind\":\"slow\",\"delayMs\":3000}}'   (GET {admin.Url}/mocks/faults lists them; see Mocks/README.md)");
        Console.WriteLine($"Life events: curl -X POST {admin.Url}/mocks/life-events -H 'Content-Type: application/json' -d '{{\"kind\":\"death\",\"fin\":\"{sample.Fin}\"}}'   (sent to {hub ?? "no hub yet: start with --hub http://localhost:5080"})");
        Console.WriteLine("Ctrl+C to stop.");
        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
        await stop.Task;

        int IntArg(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
        }
    }
}
