using System.Collections.Generic;

namespace QualysCompare.Engine.Model
{
    /// <summary>
    /// QID lookup over KnowledgeBase entries. Several files may describe the same QID (an older
    /// and a newer download); the entry Qualys modified last wins, because Qualys revises
    /// detection methods (DISCOVERY) over a QID's life.
    /// </summary>
    public sealed class KnowledgeBase
    {
        private readonly Dictionary<int, KnowledgeBaseEntry> _byQid = new Dictionary<int, KnowledgeBaseEntry>();

        public KnowledgeBase()
        {
        }

        public KnowledgeBase(IEnumerable<KnowledgeBaseEntry> entries)
        {
            foreach (var entry in entries) Add(entry);
        }

        public int Count => _byQid.Count;

        public IEnumerable<KnowledgeBaseEntry> Entries => _byQid.Values;

        public void Add(KnowledgeBaseEntry entry)
        {
            if (_byQid.TryGetValue(entry.QID, out var known) && IsNewerOrSame(known, entry)) return;
            _byQid[entry.QID] = entry;
        }

        public KnowledgeBaseEntry? Find(int qid) => _byQid.TryGetValue(qid, out var entry) ? entry : null;

        public bool Contains(int qid) => _byQid.ContainsKey(qid);

        private static bool IsNewerOrSame(KnowledgeBaseEntry known, KnowledgeBaseEntry candidate)
        {
            if (candidate.LastModified == null) return true;
            return known.LastModified != null && known.LastModified >= candidate.LastModified;
        }
    }
}
