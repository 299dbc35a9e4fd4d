using System.Collections.Generic;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Comparison
{
    /// <summary>
    /// The descriptive text of each QID, kept once per QID however many hosts report it: on a
    /// large estate the same title would otherwise be held a hundred thousand times.
    /// </summary>
    internal sealed class QidCatalog
    {
        private readonly Dictionary<int, QidText> _texts = new Dictionary<int, QidText>();

        public void Learn(QualysFinding finding)
        {
            if (!_texts.TryGetValue(finding.QID, out var text))
            {
                _texts[finding.QID] = new QidText(Vocabulary.Clean(finding.Title), Vocabulary.Clean(finding.Category), Vocabulary.Clean(finding.CveIds));
                return;
            }
            // One side may omit what the other carries (HLD has no titles without the KnowledgeBase),
            // and files of different dates disagree (a title renamed, CVEs added to a QID). The
            // fuller text wins whichever file came first, so the exports do not depend on the
            // order the files were given in.
            text.Title = Fuller(text.Title, finding.Title);
            text.Category = Fuller(text.Category, finding.Category);
            text.CveIds = Fuller(text.CveIds, finding.CveIds);
        }

        /// <summary>Takes in what another catalog learnt. Fuller is an order of values, so learning
        /// two halves of the findings apart and merging gives what learning them together does.</summary>
        public void Merge(QidCatalog other)
        {
            foreach (var entry in other._texts)
            {
                if (!_texts.TryGetValue(entry.Key, out var text))
                {
                    _texts[entry.Key] = entry.Value;
                    continue;
                }
                text.Title = Fuller(text.Title, entry.Value.Title);
                text.Category = Fuller(text.Category, entry.Value.Category);
                text.CveIds = Fuller(text.CveIds, entry.Value.CveIds);
            }
        }

        /// <summary>The longer text, or for texts of one length the ordinally greater: an order
        /// of values, not of arrival.</summary>
        private static string? Fuller(string? known, string? raw)
        {
            if (raw == null || string.Equals(raw, known, System.StringComparison.Ordinal)) return known;
            string? candidate = Vocabulary.Clean(raw);
            if (known == null || candidate == null) return known ?? candidate;
            if (candidate.Length != known.Length) return candidate.Length > known.Length ? candidate : known;
            return string.CompareOrdinal(candidate, known) > 0 ? candidate : known;
        }

        public QidText? Find(int qid) => _texts.TryGetValue(qid, out var text) ? text : null;
    }

    internal sealed class QidText
    {
        public QidText(string? title, string? category, string? cveIds)
        {
            Title = title;
            Category = category;
            CveIds = cveIds;
        }

        public string? Title { get; set; }
        public string? Category { get; set; }
        public string? CveIds { get; set; }
    }
}
