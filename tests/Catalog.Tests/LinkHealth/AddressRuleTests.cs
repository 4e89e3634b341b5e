using System.Net;
using Catalog.Web.Links;

namespace Catalog.Tests.LinkHealth;

public class AddressRuleTests
{
    [Theory]
    [InlineData("93.184.215.14", true)]
    [InlineData("8.8.8.8", true)]
    [InlineData("2606:4700::6810:84e5", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.12.0.9", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("::", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("fd12:3456::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:169.254.169.254", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("::127.0.0.1", false)]
    [InlineData("2002:0a00:0001::1", false)]
    [InlineData("64:ff9b::a9fe:a9fe", false)]
    public void AnAddressIsAllowedOnlyWhenItIsPublic(string address, bool allowed) =>
        Assert.Equal(allowed, AddressRule.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void AllowingPrivateAddressesLetsLoopbackThrough() =>
        Assert.True(AddressRule.For(new LinkOptions { AllowPrivateAddresses = true })(IPAddress.Loopback));
}
