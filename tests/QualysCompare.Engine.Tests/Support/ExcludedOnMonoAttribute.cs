using System;
using System.Collections.Generic;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace QualysCompare.Engine.Tests
{
    /// <summary>
    /// Leaves a test out of the run under Mono (tests/QualysCompare.Engine.Tests.Net472, build.ps1
    /// -Task Test), which passes <c>-notrait Mono=Excluded</c> to the .NET Framework console runner.
    /// It still runs on .NET 10. Give the reason; docs/windows.md lists every such test with it, and
    /// <c>MonoExclusionTests</c> fails when one is missing there. Use it only for a test that measures
    /// the runtime rather than the engine, or that Mono itself cannot run.
    /// </summary>
    [TraitDiscoverer("QualysCompare.Engine.Tests.ExcludedOnMonoDiscoverer", "QualysCompare.Engine.Tests")]
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false)]
    public sealed class ExcludedOnMonoAttribute : Attribute, ITraitAttribute
    {
        public ExcludedOnMonoAttribute(string reason) => Reason = reason;

        public string Reason { get; }
    }

    /// <summary>Turns <see cref="ExcludedOnMonoAttribute"/> into the trait Mono=Excluded.</summary>
    public sealed class ExcludedOnMonoDiscoverer : ITraitDiscoverer
    {
        public const string Name = "Mono";
        public const string Value = "Excluded";

        public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
        {
            yield return new KeyValuePair<string, string>(Name, Value);
        }
    }
}
