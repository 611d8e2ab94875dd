using System.Buffers.Binary;
using System.Text;

namespace OrleansGan.Core.Native;

/// <summary>
/// Marks one required symbol version of an ELF64 little-endian shared library as weak (VER_FLG_WEAK in the
/// Vernaux entry of .gnu.version_r), so that the dynamic loader accepts the library where that version is missing.
/// </summary>
/// <remarks>
/// libLibTorchSharp.so 0.107 asks for GLIBCXX_3.4.32 only because GCC 13's &lt;iostream&gt; emits a reference to
/// std::ios_base_library_init, which no relocation uses; Debian 12's libstdc++ stops at 3.4.30.
/// </remarks>
public static class ElfVersionNeedPatcher
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    /// <summary>What <see cref="MarkWeak"/> found.</summary>
    public enum Outcome
    {
        /// <summary>The library does not require that version at all.</summary>
        NotRequired,

        /// <summary>The requirement was already weak; nothing changed.</summary>
        AlreadyWeak,

        /// <summary>The requirement was strong and is now weak.</summary>
        Patched,
    }

    /// <summary>Finds the Vernaux entry named <paramref name="version"/> in <paramref name="elf"/> and sets its weak flag in place.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an ELF64 little-endian file, or its tables are inconsistent.</exception>
    public static Outcome MarkWeak(Span<byte> elf, string version)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            throw new InvalidDataException("not an ELF file");
        }

        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException("only ELF64 little-endian files are supported");
        }

        var sectionTable = checked((int)U64(elf, 0x28));
        var sectionSize = U16(elf, 0x3A);
        var sectionCount = U16(elf, 0x3C);
        for (var i = 0; i < sectionCount; i++)
        {
            var header = checked(sectionTable + (i * sectionSize));
            if (U32(elf, header + 4) != ShtGnuVerneed)
            {
                continue;
            }

            var offset = checked((int)U64(elf, header + 0x18));
            var link = (int)U32(elf, header + 0x28);
            var needCount = U32(elf, header + 0x2C);
            var strings = checked((int)U64(elf, checked(sectionTable + (link * sectionSize)) + 0x18));
            return PatchChain(elf, offset, needCount, strings, version);
        }

        return Outcome.NotRequired;
    }

    private static Outcome PatchChain(Span<byte> elf, int need, uint needCount, int strings, string version)
    {
        for (var n = 0; n < needCount; n++)
        {
            var auxCount = U16(elf, need + 2);
            var aux = need + (int)U32(elf, need + 8);
            for (var a = 0; a < auxCount; a++)
            {
                var name = ReadString(elf, strings + (int)U32(elf, aux + 8));
                if (name == version)
                {
                    var flags = U16(elf, aux + 4);
                    if ((flags & VerFlagWeak) != 0)
                    {
                        return Outcome.AlreadyWeak;
                    }

                    BinaryPrimitives.WriteUInt16LittleEndian(elf[(aux + 4)..], (ushort)(flags | VerFlagWeak));
                    return Outcome.Patched;
                }

                aux += (int)U32(elf, aux + 12);
            }

            var next = (int)U32(elf, need + 12);
            if (next == 0)
            {
                break;
            }

            need += next;
        }

        return Outcome.NotRequired;
    }

    private static string ReadString(ReadOnlySpan<byte> elf, int offset)
    {
        var end = elf[offset..].IndexOf((byte)0);
        if (end < 0)
        {
            throw new InvalidDataException("unterminated string in the ELF string table");
        }

        return Encoding.ASCII.GetString(elf.Slice(offset, end));
    }

    private static ushort U16(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt16LittleEndian(b[at..]);

    private static uint U32(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt32LittleEndian(b[at..]);

    private static ulong U64(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt64LittleEndian(b[at..]);
}
