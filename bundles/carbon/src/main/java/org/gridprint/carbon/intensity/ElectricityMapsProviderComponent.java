package org.gridprint.carbon.intensity;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/** Electricity Maps v3 carbon intensity; factory PID {@code org.gridprint.carbon.intensity.electricitymaps}. */
@Designate(ocd = ElectricityMapsProviderConfig.class, factory = true)
@Component(name = "org.gridprint.carbon.intensity.electricitymaps", service = IntensityProvider.class, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class ElectricityMapsProviderComponent extends ProviderComponent {

    @Activate
    void activate(Map<String, Object> properties) {
        configure(ProviderKind.ELECTRICITY_MAPS, properties);
    }
}
