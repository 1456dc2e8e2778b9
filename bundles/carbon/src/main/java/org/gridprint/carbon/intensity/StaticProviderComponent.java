package org.gridprint.carbon.intensity;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/** A static grid intensity (a value with unit, source and edition); factory PID {@code org.gridprint.carbon.intensity.static}. */
@Designate(ocd = StaticProviderConfig.class, factory = true)
@Component(name = "org.gridprint.carbon.intensity.static", service = IntensityProvider.class, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class StaticProviderComponent extends ProviderComponent {

    @Activate
    void activate(Map<String, Object> properties) {
        configure(ProviderKind.STATIC, properties);
    }
}
