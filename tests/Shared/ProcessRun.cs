using System.Diagnostics;

namespace IntegrationHub.Tests.Shared;

/// <summary>
/// Runs a command-line tool (pdftotext, zbarimg, rabbitmqctl, python3) to its end and returns its exit code and
/// output. Bounded: a tool that does not exit within the time given is killed and the test fails saying so, rather
/// than holding the run.
/// </summary>
public static class ProcessRun
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(ProcessStartInfo info, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{info.FileName} {string.Join(' ', info.ArgumentList)} did not exit within {timeout}");
        }
        return (process.ExitCode, await output, await error);
    }
}
