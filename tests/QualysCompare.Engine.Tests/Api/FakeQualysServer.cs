// Also compiled by tests/Pester (Add-Type), which has no project settings: hence the pragma.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace QualysCompare.Testing
{
    /// <summary>One request as it arrived on the wire.</summary>
    public sealed class RecordedRequest
    {
        public int Index { get; set; }
        public string Method { get; set; } = string.Empty;

        /// <summary>The request target exactly as sent (path and any query).</summary>
        public string Target { get; set; } = string.Empty;

        /// <summary>The request line and headers, verbatim.</summary>
        public string RawHead { get; set; } = string.Empty;

        public List<KeyValuePair<string, string>> Headers { get; } = new List<KeyValuePair<string, string>>();
        public string Body { get; set; } = string.Empty;

        public string? Header(string name) =>
            Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

        /// <summary>The body as application/x-www-form-urlencoded fields, in order.</summary>
        public List<KeyValuePair<string, string>> Form =>
            Body.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(pair =>
                {
                    int eq = pair.IndexOf('=');
                    string key = eq < 0 ? pair : pair.Substring(0, eq);
                    string value = eq < 0 ? string.Empty : pair.Substring(eq + 1);
                    return new KeyValuePair<string, string>(Decode(key), Decode(value));
                })
                .ToList();

        public string? Field(string name) => Form.Where(f => f.Key == name).Select(f => f.Value).FirstOrDefault();

        private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
    }

    /// <summary>What the server sends back, including ways of failing on purpose.</summary>
    public sealed class ScriptedResponse
    {
        public int Status { get; set; } = 200;
        public string Reason { get; set; } = "OK";
        public List<KeyValuePair<string, string>> Headers { get; } = new List<KeyValuePair<string, string>>();
        public byte[] Body { get; set; } = Array.Empty<byte>();

        /// <summary>Send only this many bytes of the body, then close the connection.</summary>
        public int? CloseAfterBodyBytes { get; set; }

        /// <summary>No Content-Length: the end of the connection ends the body, as in HTTP/1.0.</summary>
        public bool OmitContentLength { get; set; }

        public static ScriptedResponse Xml(string body, int status = 200, string reason = "OK")
        {
            var response = new ScriptedResponse { Status = status, Reason = reason, Body = Encoding.UTF8.GetBytes(body) };
            response.Headers.Add(new KeyValuePair<string, string>("content-type", "application/xml"));
            return response;
        }

        public static ScriptedResponse Empty(int status, string reason) => new ScriptedResponse { Status = status, Reason = reason };

        public ScriptedResponse With(string name, string value)
        {
            Headers.Add(new KeyValuePair<string, string>(name, value));
            return this;
        }
    }

    /// <summary>
    /// A minimal HTTP/1.1 server on 127.0.0.1, on raw sockets so that a test sees every header and
    /// byte a client sends and can break a connection in the middle of a body. One request per
    /// connection (every answer says Connection: close).
    /// </summary>
    public sealed class FakeQualysServer : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly Func<RecordedRequest, ScriptedResponse> _respond;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly object _gate = new object();
        private readonly List<RecordedRequest> _requests = new List<RecordedRequest>();
        private readonly Task _loop;

        public FakeQualysServer(Func<RecordedRequest, ScriptedResponse> respond)
        {
            _respond = respond;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _loop = Task.Run(AcceptLoop);
        }

        public int Port { get; }

        public Uri BaseUrl => new Uri($"http://127.0.0.1:{Port}");

        public IReadOnlyList<RecordedRequest> Requests
        {
            get { lock (_gate) return _requests.ToArray(); }
        }

        /// <summary>Server-side failures (a responder that threw), reported instead of hidden.</summary>
        public List<Exception> Faults { get; } = new List<Exception>();

        private async Task AcceptLoop()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    var request = await ReadRequestAsync(stream).ConfigureAwait(false);
                    if (request == null) return;
                    lock (_gate)
                    {
                        request.Index = _requests.Count;
                        _requests.Add(request);
                    }
                    ScriptedResponse response;
                    try
                    {
                        response = _respond(request);
                    }
                    catch (Exception e)
                    {
                        lock (_gate) Faults.Add(e);
                        response = ScriptedResponse.Empty(418, "Responder Failed");
                    }
                    await WriteResponseAsync(stream, response).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    // The client went away; nothing to answer.
                }
            }
        }

        private static async Task<RecordedRequest?> ReadRequestAsync(NetworkStream stream)
        {
            var buffer = new List<byte>();
            var one = new byte[4096];
            int headEnd = -1;
            while (headEnd < 0)
            {
                int n = await stream.ReadAsync(one, 0, one.Length).ConfigureAwait(false);
                if (n == 0) return null;
                buffer.AddRange(one.Take(n));
                headEnd = IndexOf(buffer, new byte[] { 13, 10, 13, 10 });
            }
            string head = Encoding.ASCII.GetString(buffer.Take(headEnd).ToArray());
            var lines = head.Split(new[] { "\r\n" }, StringSplitOptions.None);
            var requestLine = lines[0].Split(' ');
            var request = new RecordedRequest { Method = requestLine[0], Target = requestLine.Length > 1 ? requestLine[1] : string.Empty, RawHead = head };
            foreach (var line in lines.Skip(1))
            {
                int colon = line.IndexOf(':');
                if (colon > 0) request.Headers.Add(new KeyValuePair<string, string>(line.Substring(0, colon).Trim(), line.Substring(colon + 1).Trim()));
            }
            int length = int.TryParse(request.Header("Content-Length"), out int l) ? l : 0;
            var body = buffer.Skip(headEnd + 4).ToList();
            while (body.Count < length)
            {
                int n = await stream.ReadAsync(one, 0, one.Length).ConfigureAwait(false);
                if (n == 0) break;
                body.AddRange(one.Take(n));
            }
            request.Body = Encoding.UTF8.GetString(body.ToArray());
            return request;
        }

        private static async Task WriteResponseAsync(NetworkStream stream, ScriptedResponse response)
        {
            var head = new StringBuilder();
            head.Append("HTTP/1.1 ").Append(response.Status).Append(' ').Append(response.Reason).Append("\r\n");
            head.Append("Date: ").Append(DateTime.UtcNow.ToString("R")).Append("\r\n");
            head.Append("Server: Qualys\r\n");
            foreach (var h in response.Headers) head.Append(h.Key).Append(": ").Append(h.Value).Append("\r\n");
            if (!response.OmitContentLength) head.Append("Content-Length: ").Append(response.Body.Length).Append("\r\n");
            head.Append("Connection: close\r\n\r\n");
            var bytes = Encoding.ASCII.GetBytes(head.ToString());
            await stream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
            int send = Math.Min(response.CloseAfterBodyBytes ?? response.Body.Length, response.Body.Length);
            await stream.WriteAsync(response.Body, 0, send).ConfigureAwait(false);
            await stream.FlushAsync().ConfigureAwait(false);
        }

        private static int IndexOf(List<byte> haystack, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Count; i++)
            {
                bool match = true;
                for (int k = 0; k < needle.Length && match; k++) match = haystack[i + k] == needle[k];
                if (match) return i;
            }
            return -1;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            try
            {
                _loop.Wait(TimeSpan.FromSeconds(2));
            }
            catch (AggregateException)
            {
            }
        }
    }
}
