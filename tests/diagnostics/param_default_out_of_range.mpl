// Defaults must fit the param's type.
param level: unsigned char = 300  // expected-error:30 {{default value 300 is out of range for the type 'unsigned char' of param 'level' (0 to 255)}}
param tiny: std::int8_t = -128
param huge: long = 9'223'372'036'854'775'808  // expected-error:20 {{default value 9'223'372'036'854'775'808 is out of range for the type 'long' of param 'huge' (-9223372036854775808 to 9223372036854775807)}}
param ratio: float = 1e39  // expected-error:22 {{default value 1e39 is out of range for the type 'float' of param 'ratio'}}
