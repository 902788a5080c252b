using System.Diagnostics;
using CoreosDsl.Host.Netboot;
using Microsoft.AspNetCore.Http;

namespace CoreosDsl.Host;

/// <summary>
/// The first step of every request to <c>serve</c>, ahead of routing: it refuses clients outside <c>--allow</c>
/// (403), answers the <see cref="PreparedAnswer"/>s by their path (every worker's configs, <c>boot.ipxe</c>, the
/// machines' scripts), hands anything else to routing, and queues one request-log entry for each request, refusals
/// included. A request answered here allocates nothing of its own: the log entry is a value and keeps the strings and
/// address the request already has.
/// </summary>
/// <param name="answers">The answers by path (<c>/worker-1/cloud-config.yml</c>).</param>
/// <param name="allow">The client networks admitted.</param>
/// <param name="log">Called with each request answered.</param>
internal sealed class ServeMiddleware(IReadOnlyDictionary<string, PreparedAnswer> answers, AllowList allow, Action<RequestLogEntry> log)
{
    private const string WorkerItem = "worker";

    /// <summary>For an endpoint behind routing: notes the worker it answered for, for the request log.</summary>
    public static void NoteWorker(HttpContext http, string worker) => http.Items[WorkerItem] = worker;

    /// <summary>Answers or forwards <paramref name="http"/>, then logs it.</summary>
    public Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var time = DateTimeOffset.UtcNow;
        var request = http.Request;
        Task answering;
        PreparedAnswer? answer = null;
        if (!allow.Admits(http.Connection.RemoteIpAddress))
        {
            answering = Refuse(http);
        }
        else if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && answers.TryGetValue(request.Path.Value ?? "", out answer))
        {
            answering = answer.WriteAsync(http);
        }
        else
        {
            answering = next(http);
        }

        if (answering.IsCompletedSuccessfully)
        {
            Log(http, started, time, answer);
            return Task.CompletedTask;
        }

        return LogWhenAnswered(answering, http, started, time, answer);
    }

    private async Task LogWhenAnswered(Task answering, HttpContext http, long started, DateTimeOffset time, PreparedAnswer? answer)
    {
        await answering;
        Log(http, started, time, answer);
    }

    private void Log(HttpContext http, long started, DateTimeOffset time, PreparedAnswer? answer)
    {
        var request = http.Request;
        var response = http.Response;
        var worker = answer is not null ? answer.Worker
            : http.Items.TryGetValue(WorkerItem, out var noted) ? noted as string : null;
        log(new RequestLogEntry(time, http.Connection.RemoteIpAddress, request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "",
            response.StatusCode, response.ContentLength ?? 0, Stopwatch.GetElapsedTime(started), worker));
    }

    private static Task Refuse(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync($"{http.Connection.RemoteIpAddress} is not in this server's --allow networks\n");
    }
}
