using CoreosDsl.Images;
using Spectre.Console;

namespace CoreosDsl.Host;

/// <summary>Progress of long work: a Spectre progress bar for people, a few plain lines when redirected, nothing with --json.</summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, showing the progress it reports under <paramref name="title"/>.</summary>
    public static T Run<T>(HostConsole console, bool quiet, string title, Func<IProgress<ImageProgress>, T> work)
    {
        if (quiet)
        {
            return work(new Sink(_ => { }));
        }

        if (!console.Interactive)
        {
            // Plain: one line per quarter, so logs show that something happens without drowning in it.
            var lastQuarter = -1;
            return work(new Sink(p =>
            {
                var quarter = p.TotalBytes <= 0 ? 4 : (int)(p.BytesDone * 4 / p.TotalBytes);
                if (quarter > lastQuarter)
                {
                    lastQuarter = quarter;
                    console.Out.WriteLine($"{title}: {quarter * 25}% ({p.Step}, {SizeArgument.Format(p.BytesDone)} of {SizeArgument.Format(p.TotalBytes)})");
                }
            }));
        }

        T result = default!;
        console.Ansi.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: 1);
                result = work(new Sink(p =>
                {
                    task.MaxValue = Math.Max(1, p.TotalBytes);
                    task.Value = p.BytesDone;
                    task.Description = Markup.Escape($"{title} ({p.Step})");
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>Reports synchronously, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Sink(Action<ImageProgress> report) : IProgress<ImageProgress>
    {
        public void Report(ImageProgress value) => report(value);
    }
}
