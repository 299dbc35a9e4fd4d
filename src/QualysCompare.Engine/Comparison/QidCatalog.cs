using System.Collections.Generic;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Text;

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
            // One side may omit what the other carries (HLD has no titles without the KnowledgeBase).
            if (text.Title != null && text.Category != null && text.CveIds != null) return;
            text.Title ??= Vocabulary.Clean(finding.Title);
            text.Category ??= Vocabulary.Clean(finding.Category);
            text.CveIds ??= Vocabulary.Clean(finding.CveIds);
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
