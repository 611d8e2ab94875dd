using OrleansGan.Abstractions.Players;
using OrleansGan.Core.Native;

namespace OrleansGan.Grains.Game;

/// <summary>
/// Which failures of a move a game recovers from by going back to its last checkpoint, how often, and how long it
/// waits between attempts: a lost player (its silo died) and a move TorchSharp's Scalar race broke. A game gives up
/// after <see cref="MaxPerStretch"/> recoveries in a row that never got past the round where the previous one failed
/// (a move that times out at the same round every time), while one that progresses between failures recovers as often
/// as its silos die: under chaos a game whose silos are killed every 25 s, more often than it reaches its next
/// checkpoint, is losing players, not failing the same way. A stretch also has to last <see cref="MinStretch"/> before
/// the game gives up: until membership declares a killed silo dead (default probes: three missed 5-s probes, then
/// votes), every call to a grain whose activation was there fails to connect, and a game that replays a few rounds
/// between recoveries would otherwise fail the same round three times within seconds (CI, 2026-12-02: a watched game
/// of the survival suite ended Failed this way, its silo not yet declared dead). Each recovery in a stretch also waits
/// longer before re-seating, so the stretch spends that time waiting, not replaying.
/// </summary>
public sealed class RecoveryPolicy(TimeProvider? clock = null)
{
    /// <summary>Recoveries in a row allowed without getting past the round of the previous failure (once the stretch has lasted <see cref="MinStretch"/>).</summary>
    public const int MaxPerStretch = 3;

    /// <summary>Attempts at re-seating the players in one recovery.</summary>
    public const int MaxAttempts = 10;

    /// <summary>
    /// How long recoveries at one round must have gone on before the game gives up: well beyond the time Orleans'
    /// default membership takes to declare a killed silo dead.
    /// </summary>
    public static readonly TimeSpan MinStretch = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private int _sinceCheckpoint;
    private int _furthestFailure;
    private long _stretchStarted;

    /// <summary>Recoveries in the current stretch (0 after a checkpoint or progress).</summary>
    public int InStretch => _sinceCheckpoint;

    /// <summary>Recoveries so far.</summary>
    public int Recoveries { get; private set; }

    /// <summary>
    /// A player whose silo died comes back as a fresh activation without a seat (<see cref="PlayerLostException"/>), or
    /// its calls fail on the way (the silo is unavailable, cannot be connected to, the message is rejected, the call
    /// times out).
    /// </summary>
    public static bool IsPlayerLoss(Exception e) => e switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsPlayerLoss),
        // A call to a silo that died but is not yet declared dead fails to connect (survival suite, two silos killed at once).
        PlayerLostException or SiloUnavailableException or OrleansMessageRejectionException or TimeoutException
            or Orleans.Runtime.Messaging.ConnectionFailedException => true,
        _ => false,
    };

    /// <summary>What went wrong, for the log.</summary>
    public static string Describe(Exception e) => ScalarRace.Caused(e) ? "hit TorchSharp's Scalar race" : "lost a player";

    /// <summary>How long to wait before attempt <paramref name="attempt"/> (1-based): membership needs a moment to declare a dead silo dead, and until then placement may still pick it.</summary>
    public static TimeSpan WaitBefore(int attempt) => TimeSpan.FromSeconds(attempt);

    /// <summary>
    /// How long to wait before attempt <paramref name="attempt"/> of the recovery just counted: the later the recovery
    /// in its stretch, the longer (the first waits <see cref="WaitBefore"/>, the n-th as if n - 1 attempts had failed).
    /// </summary>
    public TimeSpan WaitBeforeAttempt(int attempt) => WaitBefore(attempt + Math.Max(0, _sinceCheckpoint - 1));

    /// <summary>
    /// True when the game should recover from <paramref name="failure"/> of round <paramref name="round"/> rather than
    /// fail; counts the recovery.
    /// </summary>
    public bool TryRecover(Exception failure, int round)
    {
        if (!(IsPlayerLoss(failure) || ScalarRace.Caused(failure)))
        {
            return false;
        }

        // The game got further than it ever failed before: the earlier failures did not stop it, a new stretch begins.
        if (round > _furthestFailure)
        {
            _furthestFailure = round;
            _sinceCheckpoint = 0;
        }

        if (_sinceCheckpoint >= MaxPerStretch && _clock.GetElapsedTime(_stretchStarted) >= MinStretch)
        {
            return false;
        }

        if (_sinceCheckpoint == 0)
        {
            _stretchStarted = _clock.GetTimestamp();
        }

        Recoveries++;
        _sinceCheckpoint++;
        return true;
    }

    /// <summary>True when a failed attempt at re-seating may be tried again.</summary>
    public static bool MayRetry(Exception failure, int attempt) => IsPlayerLoss(failure) && attempt < MaxAttempts;

    /// <summary>A checkpoint was written: the game progressed, and a new stretch begins.</summary>
    public void Checkpointed() => _sinceCheckpoint = 0;

    /// <summary>Starts counting again from <paramref name="recoveries"/> (a game that starts or resumes).</summary>
    public void Reset(int recoveries = 0)
    {
        Recoveries = recoveries;
        _sinceCheckpoint = 0;
        _furthestFailure = 0;
    }
}
