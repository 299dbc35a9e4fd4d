using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Output;
using QualysCompare.Engine.Readers;

namespace QualysCompare.Engine.Import
{
    /// <summary>
    /// The one way KnowledgeBase files are read, for Import-QualysKnowledgeBase and for
    /// Compare-QualysVantage -KnowledgeBase alike: each file's entries are streamed and counted
    /// (verbose), and its warnings go to the output.
    /// </summary>
    public sealed class KnowledgeBaseLoader
    {
        private readonly IEngineOutput _output;
        private readonly CancellationToken _cancellationToken;

        public KnowledgeBaseLoader(IEngineOutput? output = null, CancellationToken cancellationToken = default)
        {
            _output = output ?? NullEngineOutput.Instance;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Streams each file's entries; a file that cannot be read is reported through
        /// <see cref="IEngineOutput.WriteError"/> and the next file is still read.</summary>
        public void ReadEach(IEnumerable<string> files, Action<KnowledgeBaseEntry> onEntry)
        {
            if (files == null) throw new ArgumentNullException(nameof(files));
            if (onEntry == null) throw new ArgumentNullException(nameof(onEntry));
            foreach (var file in files)
            {
                try
                {
                    Read(file, onEntry);
                }
                catch (Exception e) when (e is QualysReportException || e is IOException || e is UnauthorizedAccessException)
                {
                    _output.WriteError(e, file);
                }
            }
        }

        /// <summary>
        /// One lookup from entries already read and from files; for a QID described twice, the
        /// entry Qualys modified last wins. A file that cannot be read throws
        /// (<see cref="QualysReportException"/>, <see cref="IOException"/>): a KnowledgeBase with a
        /// part missing would change reasons silently, so the caller stops instead.
        /// </summary>
        public KnowledgeBase Load(IEnumerable<string> files, IEnumerable<KnowledgeBaseEntry>? entries = null)
        {
            if (files == null) throw new ArgumentNullException(nameof(files));
            var knowledgeBase = new KnowledgeBase();
            if (entries != null)
            {
                foreach (var entry in entries) knowledgeBase.Add(entry);
            }
            foreach (var file in files) Read(file, knowledgeBase.Add);
            _output.WriteVerbose($"KnowledgeBase: {knowledgeBase.Count} QIDs.");
            return knowledgeBase;
        }

        /// <summary>Loads one file or several, for callers without an output.</summary>
        public static KnowledgeBase LoadFiles(params string[] files) => new KnowledgeBaseLoader().Load(files);

        private void Read(string file, Action<KnowledgeBaseEntry> onEntry)
        {
            int count = 0;
            foreach (var entry in KnowledgeBaseReader.Read(file, new ImportOptions { CancellationToken = _cancellationToken, Output = _output }))
            {
                onEntry(entry);
                count++;
            }
            _output.WriteVerbose($"{file}: {count} KnowledgeBase entries.");
        }
    }
}
