namespace OrleansGan.Abstractions.Diagnostics;

/// <summary>Which product the discriminator contributes its part of, for a direction u = (u_theta, u_psi).</summary>
public enum ProbeProductKind
{
    /// <summary>J u: returns s = d/dx [&lt;dJ_G/dx, t&gt; + &lt;dJ_G/dpsi, u_psi&gt;]; keeps (J u)_psi = d/dpsi [&lt;dJ_D/dx, t&gt; + &lt;dJ_D/dpsi, u_psi&gt;].</summary>
    Jacobian,

    /// <summary>J^T u: with phi = &lt;dJ_G/dx, t&gt; + &lt;dJ_D/dpsi, u_psi&gt;, returns s = d phi/dx and keeps (J^T u)_psi = d phi/dpsi.</summary>
    JacobianTranspose,

    /// <summary>H_G u_theta: returns s = H_xx(J_G) t only.</summary>
    GeneratorHessian,

    /// <summary>H_D u_psi: keeps it; needs no tangent and returns nothing.</summary>
    DiscriminatorHessian,

    /// <summary>S u_theta: solves H_D y = B^T u_theta = d/dpsi &lt;dJ_G/dx, t&gt; by conjugate gradients, returns s = d/dx [&lt;dJ_G/dx, t&gt; + &lt;dJ_G/dpsi, y&gt;].</summary>
    SchurComplement,
}
