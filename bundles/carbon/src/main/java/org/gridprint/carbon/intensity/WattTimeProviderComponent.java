package org.gridprint.carbon.intensity;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/** WattTime v3 (co2_aoer average or co2_moer marginal); factory PID {@code org.gridprint.carbon.intensity.watttime}. */
@Designate(ocd = WattTimeProviderConfig.class, factory = true)
@Component(name = "org.gridprint.carbon.intensity.watttime", service = IntensityProvider.class, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class WattTimeProviderComponent extends ProviderComponent {

    @Activate
    void activate(Map<String, Object> properties) {
        configure(ProviderKind.WATTTIME, properties);
    }
}
