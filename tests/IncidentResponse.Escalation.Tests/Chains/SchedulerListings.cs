using System.Reflection;
using Quartz;

namespace IncidentResponse.Escalation.Tests.Chains;

/// <summary>
/// A scheduler factory handing out the world's scheduler behind a proxy that counts how often Quartz's store is asked for
/// the names of its triggers (<c>GetTriggerKeys</c>, in Quartz 4 an extension over <c>QueryTriggers</c>): what a reconcile
/// pass reads from Quartz.
/// </summary>
public sealed class SchedulerListings
{
    private int _count;

    public SchedulerListings(IScheduler scheduler)
    {
        var counted = DispatchProxy.Create<IScheduler, Forwarder>();
        ((Forwarder)(object)counted).Setup(scheduler, name =>
        {
            Names.Add(name);
            // Quartz 4's GetTriggerKeys(matcher) is an extension over the interface's QueryTriggers.
            if (name is "QueryTriggers" or "GetTriggerKeys")
            {
                Interlocked.Increment(ref _count);
            }
        });
        var factory = DispatchProxy.Create<ISchedulerFactory, Forwarder>();
        ((Forwarder)(object)factory).Setup(null, _ => { }, counted);
        Factory = factory;
    }

    /// <summary>Times the trigger names were listed so far.</summary>
    public int Count => Volatile.Read(ref _count);

    public ISchedulerFactory Factory { get; }

    /// <summary>Every call the scheduler was asked, by name (for a failing assertion's message).</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> Names { get; } = [];

    /// <summary>Forwards every call to its target; as a factory, answers every <c>GetScheduler</c> with the counted scheduler.</summary>
    public class Forwarder : DispatchProxy
    {
        private object? _target;
        private Action<string> _seen = _ => { };
        private IScheduler? _scheduler;

        internal void Setup(object? target, Action<string> seen, IScheduler? scheduler = null)
        {
            _target = target;
            _seen = seen;
            _scheduler = scheduler;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            _seen(targetMethod.Name);
            if (_scheduler is not null)
            {
                return targetMethod.Name == nameof(ISchedulerFactory.GetScheduler)
                    ? new ValueTask<IScheduler>(_scheduler)
                    : throw new NotSupportedException($"the test's scheduler factory does not do {targetMethod.Name}");
            }

            try
            {
                return targetMethod.Invoke(_target, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
        }
    }
}
