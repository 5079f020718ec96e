using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Reclaim;
using MemScript.Runtime.Sched;

namespace MemScript.Runtime;

/// <summary>
/// Runs a compiled scenario on the paging runtime and returns what happened,
/// as data. Build the declarations, make the kernel from the machine
/// settings, create files and shared segments, give processes their pids
/// (explicit ones first, then 100, 101, ... in file order), queue the <c>at</c>
/// blocks, run the scheduler, then take the top-level reports and check the
/// top-level expectations at the end time. Nothing escapes: a kernel panic
/// (out of memory with no victim) ends the run as <see cref="RunOutcome.KernelPanic"/>
/// with the kernel's reason, and its line <c>Kernel panic - not syncing: Out of
/// memory and no killable processes...</c> in the timeline, any
/// other exception (or the work budget running out) as
/// <see cref="RunOutcome.InternalError"/>, both with the message.
/// With <c>reclaim opt</c> the scenario runs twice: the first pass records
/// the order of page accesses (on <see cref="RecordingMachine"/>'s machine,
/// and again on the declared one if it stops there), the second evicts with
/// that knowledge of the future and is the one reported.
/// A kernel panic is how the simulated machine ended, not a failure of the
/// tool: the top-level reports and expectations are taken at the panic, and
/// the run passes when they hold. A run that stops (kernel panic, work limit) closes the statements in
/// progress: each gets its row with what it did so far and detail <c>stopped</c>.
/// kswapd's row counting its unlisted wake-ups is added when the run ends.
/// Every <c>expect</c> is accounted for: one the run never reached (its
/// process died first, the run stopped) is added as not reached
/// (<see cref="UnreachedExpectations"/>) and fails the run.
/// The report's machine is the machine as declared, taken before any
/// <c>sysctl</c> event changes a setting (the sysctl itself is in the timeline).
/// </summary>
public static class Simulator
{
    public static SimulationResult Run(IScenario scenario) => Run(scenario, HostLimits.Default);

    /// <summary>A run that stops (outcome work_limit) past the host's <paramref name="limits"/>.</summary>
    public static SimulationResult Run(IScenario scenario, HostLimits limits) => Run(scenario, injectFault: null, hostLimits: limits);

    /// <summary>As <see cref="Run(IScenario, HostLimits)"/>, telling <paramref name="progress"/> how the run goes.</summary>
    public static SimulationResult Run(IScenario scenario, HostLimits limits, RunProgress? progress) =>
        Run(scenario, injectFault: null, hostLimits: limits, progress: progress);

    /// <summary>
    /// For tests: <paramref name="injectFault"/> is handed the kernel when the
    /// scheduler has finished, before the end-of-run reports and checks, to
    /// break an invariant on purpose (fault injection for the self-checks);
    /// <paramref name="workLimit"/> lowers the work budget (<see cref="SimClock.MaxWork"/>).
    /// </summary>
    internal static SimulationResult Run(IScenario scenario, Action<Kernel>? injectFault, long workLimit = SimClock.MaxWork, HostLimits? hostLimits = null,
        RunProgress? progress = null)
    {
        var limits = hostLimits ?? HostLimits.Default;
        var first = RunOnce(scenario, future: null, injectFault, workLimit, limits, progress, out var recorded, enlarge: true, out var enlarged);
        if (recorded == null && enlarged)
        {
            // The recording pass stopped on its larger machine: what the user sees is the declared machine's run.
            first = RunOnce(scenario, future: null, injectFault, workLimit, limits, progress, out recorded, enlarge: false, out _);
        }

        if (recorded == null)
            return first;
        using (recorded)   // its files, when the record went to disk
            return RunOnce(scenario, recorded, injectFault, workLimit, limits, progress, out _, enlarge: false, out _);
    }

    /// <summary>
    /// One run. With <c>reclaim opt</c> and no <paramref name="future"/>, this is
    /// the recording pass: <paramref name="recorded"/> is the page trace the
    /// second pass replays; otherwise it is null. With <paramref name="enlarge"/>
    /// the recording pass runs on <see cref="RecordingMachine.Of"/>'s machine
    /// where it may (<paramref name="enlarged"/>: it did); the results always
    /// describe the machine as declared.
    /// </summary>
    private static SimulationResult RunOnce(IScenario scenario, PageTrace? future, Action<Kernel>? injectFault, long workLimit,
        HostLimits limits, RunProgress? progress, out PageTrace? recorded, bool enlarge, out bool enlarged)
    {
        recorded = null;
        enlarged = false;
        var builder = new ScenarioBuilder();
        var notes = new List<Site>();
        SimSystem? system = null;
        MachineSummary? machine = null;
        var outcome = RunOutcome.Completed;
        string? message = null;
        try
        {
            scenario.Build(builder);
            var settings = builder.Machine;
            if (future == null && enlarge && settings.Reclaim == "opt" && RecordingMachine.Of(settings) is { } larger)
            {
                settings = larger;
                enlarged = true;
            }

            system = new SimSystem(settings, new Kernel(settings, future));
            system.Clock.WorkLimit = workLimit;
            system.Clock.Host = limits;
            system.Clock.Progress = progress;
            machine = MachineSummaryBuilder.Build(builder.Machine, system.Kernel.Costs);
            Declare(system, builder.Declarations, notes);
            system.Scheduler.Run();
            injectFault?.Invoke(system.Kernel);
            system.Kswapd.Summarize();
            Finish(system, builder.Declarations);
            if (future == null && system.Kernel.Policy is OptPolicy opt)
                recorded = opt.Recorded;
        }
        catch (Exception e) when (system?.Kernel.Policy is Mm.Reclaim.FilePolicyAdapter adapter && adapter.StopFor(e) is { } stop)
        {
            outcome = RunOutcome.PolicyError;
            message = stop.Message;
            EndOpenStatements(system);
            system?.Kswapd.Summarize();
        }
        catch (OutOfMemoryPanicException e)
        {
            outcome = RunOutcome.KernelPanic;
            message = e.Message;
            EndOpenStatements(system);
            if (system != null)
            {
                system.Add(new TimelineEvent.Kernel(system.Now, Site.None, 0, "kernel", [OomKillLines.Panic]));
                system.Kswapd.Summarize();
                Finish(system, builder.Declarations);
            }
        }
        catch (WorkLimitExceededException e)
        {
            outcome = RunOutcome.WorkLimit;
            message = e.Message;
            EndOpenStatements(system);
            system?.Kswapd.Summarize();
        }
        catch (PolicyHost.PolicyStoppedException e)
        {
            outcome = RunOutcome.PolicyError;
            message = e.Message;
            EndOpenStatements(system);
            system?.Kswapd.Summarize();
        }
        catch (Access.Traces.TraceFormatException e)
        {
            outcome = RunOutcome.TraceError;
            message = e.Message;
            EndOpenStatements(system);
            system?.Kswapd.Summarize();
        }
        catch (OutOfMemoryException)
        {
            // The host ran out before the guard saw it: stop as at a limit, never an internal error.
            system = null;
            GC.Collect();
            outcome = RunOutcome.WorkLimit;
            message = "the host ran out of memory for the simulation (see --max-memory); the simulation stops here";
        }
        catch (Exception e)
        {
            outcome = RunOutcome.InternalError;
            message = $"{e.GetType().Name}: {e.Message}";
        }
        try
        {
            if (system != null && outcome != RunOutcome.InternalError)
                UnreachedExpectations.Add(system, builder.Declarations, outcome);
            return RunResultBuilder.Build(scenario.SourcePath, builder.Machine, machine, system, notes, outcome, message);
        }
        catch (Exception e)
        {
            var note = message == null ? "" : message + "; ";
            return RunResultBuilder.Build(scenario.SourcePath, builder.Machine, machine, null, notes, RunOutcome.InternalError,
                $"{note}while collecting the results: {e.GetType().Name}: {e.Message}");
        }
    }

    private static void Declare(SimSystem system, IReadOnlyList<Declaration> declarations, List<Site> notes)
    {
        foreach (var d in declarations)
            if (d is Declaration.Process { Options.Pid: { } pid })
                system.ReservePid(pid);
        foreach (var d in declarations)
        {
            switch (d)
            {
                case Declaration.File f:
                    system.Files[f.Name] = (system.Kernel.CreateFile(f.Name, f.Size, f.Cached, f.Dirty), f.Size);
                    break;
                case Declaration.Shm shm:
                    system.Kernel.ShmGet(shm.Key, shm.Size, out _);
                    break;
                case Declaration.Process p:
                    var pid = system.AllocatePid(p.Options.Pid);
                    system.AddProcess(new ProcessTask(system, pid, p.Name, p.Options, p.Body));
                    break;
                case Declaration.At at:
                    system.Scheduler.At(at.TimeNs, () =>
                    {
                        system.ActAs("at");
                        at.Body(new AtEvents(system));
                    });
                    break;
                case Declaration.Note note:
                    notes.Add(note.Site with { Text = note.Text });
                    break;
            }
        }
    }

    /// <summary>Each process's statement in progress gets its row (detail <c>stopped</c>), in pid order.</summary>
    private static void EndOpenStatements(SimSystem? system)
    {
        if (system == null)
            return;
        var byPid = new List<ProcessTask>(system.Processes);
        byPid.Sort((a, b) => a.Pid.CompareTo(b.Pid));
        foreach (var p in byPid)
            p.EndOpenStatement();
    }

    private static void Finish(SimSystem system, IReadOnlyList<Declaration> declarations)
    {
        system.ActAs("end");
        foreach (var d in declarations)
        {
            switch (d)
            {
                case Declaration.Report r:
                    Snapshots.Take(system, r.Site, r.Kind, r.ProcessName == null ? null : system.Latest(r.ProcessName, liveOnly: false), r.ProcessName);
                    break;
                case Declaration.Expect e:
                    ExpectationChecker.CheckAndRecord(system, e.Site, e.Expectation);
                    break;
            }
        }
    }
}
