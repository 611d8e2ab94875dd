using OrleansGan.Core.Devices;
using OrleansGan.Core.Native;

namespace OrleansGan.Core.Tests.Devices;

public class DeviceNameTests
{
    // Tests here open a dispose scope or make a device before any player exists.
    public DeviceNameTests() => TorchRuntime.EnsureLoaded();

    [Theory]
    [InlineData("cpu")]
    [InlineData("cuda")]
    [InlineData("cuda:0")]
    [InlineData("cuda:12")]
    [InlineData("cpu:0")]
    [InlineData("cpu:3")]
    public void Well_formed_names_have_no_problem(string name)
    {
        Assert.Null(DeviceName.Problem(name));
    }

    [Theory]
    [InlineData("gpu0")]
    [InlineData("cuda:x")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:+1")]
    [InlineData("cuda: 1")]
    [InlineData("cuda:1.5")]
    [InlineData("cuda:99999999999")]
    [InlineData("CPU")]
    [InlineData("cpu:x")]
    [InlineData(" cuda")]
    [InlineData("mps")]
    public void Other_names_are_refused_by_name(string name)
    {
        var problem = DeviceName.Problem(name);
        Assert.NotNull(problem);
        Assert.Contains($"'{name}'", problem);
        Assert.Contains("cpu, cpu:N, cuda or cuda:N", problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_name_is_a_problem(string? name)
    {
        Assert.Contains("required", DeviceName.Problem(name));
    }

    [Fact]
    public void Parse_gives_the_torch_device_and_refuses_malformed_names()
    {
        Assert.Equal(DeviceType.CPU, DeviceName.Parse("cpu").type);
        var cuda = DeviceName.Parse("cuda:3");
        Assert.Equal(DeviceType.CUDA, cuda.type);
        Assert.Equal(3, cuda.index);

        var error = Assert.Throws<ArgumentException>(() => DeviceName.Parse("cuda:x"));
        Assert.Contains("'cuda:x'", error.Message);
    }

    [Fact]
    public void The_cpu_is_always_available()
    {
        Assert.Null(DeviceName.Unavailable("cpu"));
    }

    [Fact]
    public void A_cuda_device_is_unavailable_without_cuda_and_says_so()
    {
        var problem = DeviceName.Unavailable("cuda:0");
        if (torch.cuda.is_available())
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.NotNull(problem);
            Assert.Contains("'cuda:0'", problem);
            Assert.Contains("not available", problem);
        }

        // No machine has this many devices.
        Assert.Contains("'cuda:999' is not available", DeviceName.Unavailable("cuda:999"));
    }

    [Fact]
    public void Unavailable_reports_a_malformed_name_as_such()
    {
        Assert.Contains("unknown device 'gpu0'", DeviceName.Unavailable("gpu0"));
    }
}
