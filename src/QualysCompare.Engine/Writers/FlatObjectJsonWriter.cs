using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using System.Threading;

namespace QualysCompare.Engine.Writers
{
    /// <summary>
    /// Writes flat records as one indented JSON array of objects, streaming: every public property in declaration
    /// order, enums by name, dates as ISO 8601 UTC strings, nulls as null.
    /// </summary>
    public static class FlatObjectJsonWriter<T> where T : class
    {
        private const int FlushThreshold = 32 * 1024;

        /// <summary>Accented letters stay readable; the HTML-sensitive characters (&lt; &gt; &amp; ' +) and controls are
        /// still escaped, so the file stays safe to paste into a page.</summary>
        private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

        /// <param name="destination">Left open.</param>
        /// <param name="rows">Written in the order given.</param>
        /// <param name="cancellationToken">Checked before every row.</param>
        /// <returns>The number of objects written.</returns>
        public static int Write(Stream destination, IEnumerable<T> rows, CancellationToken cancellationToken = default)
        {
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            if (rows == null) throw new ArgumentNullException(nameof(rows));

            IReadOnlyList<FlatColumn<T>> columns = FlatColumns<T>.All;
            var output = new LineFeedOnlyStream(destination);
            int written = 0;
            using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = Encoder }))
            {
                json.WriteStartArray();
                foreach (T row in rows)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (row == null) throw new ArgumentException($"Row {written + 1} is null.", nameof(rows));
                    json.WriteStartObject();
                    for (int i = 0; i < columns.Count; i++)
                    {
                        json.WritePropertyName(columns[i].JsonName);
                        columns[i].WriteJson(json, row);
                    }
                    json.WriteEndObject();
                    written++;
                    if (json.BytesPending > FlushThreshold) json.Flush();
                }
                json.WriteEndArray();
                json.Flush();
            }
            output.WriteByte((byte)'\n');
            output.Flush();
            return written;
        }
    }

    /// <summary>
    /// Utf8JsonWriter (8.x) indents with Environment.NewLine, which would make the same rows give different bytes on
    /// Windows and Unix. A raw CR can only be such a line break (JSON escapes CR inside strings), so dropping it gives
    /// LF everywhere.
    /// </summary>
    internal sealed class LineFeedOnlyStream : Stream
    {
        private readonly Stream _inner;

        public LineFeedOnlyStream(Stream inner) => _inner = inner;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            int end = offset + count;
            int start = offset;
            for (int i = offset; i < end; i++)
            {
                if (buffer[i] != (byte)'\r') continue;
                if (i > start) _inner.Write(buffer, start, i - start);
                start = i + 1;
            }
            if (end > start) _inner.Write(buffer, start, end - start);
        }

        public override void Flush() => _inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        // The inner stream belongs to the caller.
        protected override void Dispose(bool disposing)
        {
        }
    }
}
