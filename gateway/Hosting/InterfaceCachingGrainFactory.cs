using System.Collections.Concurrent;
using Orleans.Metadata;

namespace AtlasGrains.Gateway.Hosting;

/// <summary>
/// The gateway's <see cref="IGrainFactory"/>: Orleans' own, except that each grain interface's
/// <see cref="GrainInterfaceType"/> is resolved once instead of on every <c>GetGrain</c>.
/// <para>
/// Orleans' factory asks <see cref="GrainInterfaceTypeResolver"/> for the interface's type on each call, and that
/// resolver keeps nothing: it reads the interface's custom attributes and formats its type name every time. That was
/// 6.6% of the gateway's CPU when serving place pages (bench/results/cpu-profile-s3.md). The reference built here is the
/// one Orleans would build: the grain type still comes from Orleans' resolver (which caches it per cluster manifest),
/// and the reference from <see cref="IGrainFactory.GetGrain(GrainId, GrainInterfaceType)"/>. Calls that name an
/// implementation prefix, and everything else, go to Orleans' factory unchanged.
/// </para>
/// </summary>
public sealed class InterfaceCachingGrainFactory(
    IGrainFactory orleans, GrainInterfaceTypeResolver interfaceTypes, GrainInterfaceTypeToGrainTypeResolver grainTypes)
    : IGrainFactory
{
    private readonly ConcurrentDictionary<Type, GrainInterfaceType> _resolved = new();

    /// <summary>
    /// Wraps the client's own factory in <paramref name="services"/>; call it after the Orleans client is added.
    /// It wraps Orleans' registration itself, not <see cref="IClusterClient"/>: the client's constructor checks its
    /// serializers, whose grain-reference codecs take the <see cref="IGrainFactory"/>, so a factory that needs the
    /// client would need itself (in the Development environment that check runs, and the host hung at start).
    /// </summary>
    public static void Register(IServiceCollection services)
    {
        var orleans = services.LastOrDefault(service => service.ServiceType == typeof(IGrainFactory) && !service.IsKeyedService)
            ?? throw new InvalidOperationException("Add the Orleans client before its grain factory is wrapped.");
        services.AddSingleton<IGrainFactory>(provider => new InterfaceCachingGrainFactory(
            (IGrainFactory)Resolve(orleans, provider),
            provider.GetRequiredService<GrainInterfaceTypeResolver>(),
            provider.GetRequiredService<GrainInterfaceTypeToGrainTypeResolver>()));
    }

    private static object Resolve(ServiceDescriptor service, IServiceProvider provider) =>
        service.ImplementationInstance
        ?? service.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.GetServiceOrCreateInstance(provider, service.ImplementationType!);

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithStringKey
    {
        if (!string.IsNullOrWhiteSpace(grainClassNamePrefix))
        {
            return orleans.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(primaryKey);
        return Reference<TGrainInterface>(IdSpan.Create(primaryKey));
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidKey =>
        string.IsNullOrWhiteSpace(grainClassNamePrefix)
            ? Reference<TGrainInterface>(GrainIdKeyExtensions.CreateGuidKey(primaryKey))
            : orleans.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerKey =>
        string.IsNullOrWhiteSpace(grainClassNamePrefix)
            ? Reference<TGrainInterface>(GrainIdKeyExtensions.CreateIntegerKey(primaryKey))
            : orleans.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);

    // Compound keys validate their extension in Orleans' factory; nothing here uses them on a hot path.
    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidCompoundKey => orleans.GetGrain<TGrainInterface>(primaryKey, keyExtension, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerCompoundKey => orleans.GetGrain<TGrainInterface>(primaryKey, keyExtension, grainClassNamePrefix);

    public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => orleans.CreateObjectReference<TGrainObserverInterface>(obj);

    public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => orleans.DeleteObjectReference<TGrainObserverInterface>(obj);

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey) => orleans.GetGrain(grainInterfaceType, grainPrimaryKey);

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey) => orleans.GetGrain(grainInterfaceType, grainPrimaryKey);

    public IGrain GetGrain(Type grainInterfaceType, string grainPrimaryKey) => orleans.GetGrain(grainInterfaceType, grainPrimaryKey);

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey, string keyExtension) =>
        orleans.GetGrain(grainInterfaceType, grainPrimaryKey, keyExtension);

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey, string keyExtension) =>
        orleans.GetGrain(grainInterfaceType, grainPrimaryKey, keyExtension);

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IAddressable =>
        orleans.GetGrain<TGrainInterface>(grainId);

    public IAddressable GetGrain(GrainId grainId) => orleans.GetGrain(grainId);

    public IAddressable GetGrain(GrainId grainId, GrainInterfaceType interfaceType) => orleans.GetGrain(grainId, interfaceType);

    public IAddressable GetGrain(Type interfaceType, IdSpan grainKey, string grainClassNamePrefix) =>
        orleans.GetGrain(interfaceType, grainKey, grainClassNamePrefix);

    public IAddressable GetGrain(Type interfaceType, IdSpan grainKey) => orleans.GetGrain(interfaceType, grainKey);

    private TGrainInterface Reference<TGrainInterface>(IdSpan key)
    {
        var interfaceType = _resolved.GetOrAdd(typeof(TGrainInterface), interfaceTypes.GetGrainInterfaceType);
        var grainId = GrainId.Create(grainTypes.GetGrainType(interfaceType), key);
        return (TGrainInterface)orleans.GetGrain(grainId, interfaceType);
    }
}
