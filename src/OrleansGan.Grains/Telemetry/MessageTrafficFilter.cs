using OrleansGan.Abstractions.Grains;

namespace OrleansGan.Grains.Telemetry;

/// <summary>
/// Counts the messages that player grains receive and answer, by kind, with the tensor bytes they carry: every
/// argument and result whose type can hold a <c>TensorBytes</c> (see <see cref="TensorPayload"/>), so that a new move
/// or message record is counted without touching this filter or the grains.
/// </summary>
/// <remarks>A player grain is any grain of the game's contracts other than the game itself; its key is
/// "{gameId}/{player}", which gives the game_id and player labels.</remarks>
public sealed class MessageTrafficFilter(GameInstruments instruments) : IIncomingGrainCallFilter
{
    /// <inheritdoc />
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (!instruments.MeasuresMessages || PlayerOf(context) is not var (game, player))
        {
            await context.Invoke();
            return;
        }

        for (var i = 0; i < context.Request.GetArgumentCount(); i++)
        {
            instruments.Carried(game, player, "request", context.Request.GetArgument(i));
        }

        await context.Invoke();
        instruments.Carried(game, player, "response", context.Result);
    }

    private static (string Game, string Player)? PlayerOf(IIncomingGrainCallContext context)
    {
        var contract = context.InterfaceMethod?.DeclaringType;
        if (contract is null || contract.Assembly != typeof(IGameGrain).Assembly || contract == typeof(IGameGrain))
        {
            return null;
        }

        var key = context.TargetId.Key.ToString();
        var slash = key.LastIndexOf('/');
        return slash <= 0 || slash == key.Length - 1 ? null : (key[..slash], key[(slash + 1)..]);
    }
}
